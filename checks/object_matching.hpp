// Pairing two sides' lists of catalog objects by a key: the one loop every structural check
// shares. Calls `missing` for objects only on the source, `extra` for objects only on the
// target and `both` for pairs, in source order then target order, so findings come out in a
// stable order.
#pragma once

#include <map>
#include <vector>

namespace pgparity::checks {

template <typename Item, typename KeyOf, typename Missing, typename Extra, typename Both>
void match_objects(const std::vector<Item> &source, const std::vector<Item> &target, KeyOf key_of,
                   Missing missing, Extra extra, Both both) {
  using Key = decltype(key_of(source.front()));
  std::map<Key, const Item *> on_target;
  for (const Item &item : target) {
    on_target.emplace(key_of(item), &item);
  }
  std::map<Key, bool> seen;
  for (const Item &item : source) {
    const Key key = key_of(item);
    seen.emplace(key, true);
    auto it = on_target.find(key);
    if (it == on_target.end()) {
      missing(item);
    } else {
      both(item, *it->second);
    }
  }
  for (const Item &item : target) {
    if (seen.count(key_of(item)) == 0) {
      extra(item);
    }
  }
}

} // namespace pgparity::checks
