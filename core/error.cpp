#include "core/error.hpp"

namespace pgparity {

Error::Error(ErrorKind kind, const std::string &message, std::string hint)
    : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint)) {}

} // namespace pgparity
