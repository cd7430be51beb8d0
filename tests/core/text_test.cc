#include "core/text.h"

#include <gtest/gtest.h>

namespace inkasso {
namespace {

TEST(Text, SearchKeyLowerCasesDanishLetters) {
  EXPECT_EQ(search_key("ÆØÅ Tømrer ApS"), "æøå tømrer aps");
  EXPECT_EQ(search_key("ÄÖÜ É"), "äöü é");
  EXPECT_EQ(search_key("5 × 3"), "5 × 3");  // U+00D7 is no letter: unchanged
  EXPECT_EQ(search_key("Straße"), "straße");
}

TEST(Text, TrimAndCount) {
  EXPECT_EQ(trim("  Jens Hansen\t\n"), "Jens Hansen");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(without_spaces("2735 5021"), "27355021");
  EXPECT_EQ(utf8_length("æøå"), 3u);  // 6 bytes, 3 characters
  EXPECT_EQ(ascii_lower("ABC Æ"), "abc Æ");
}

}  // namespace
}  // namespace inkasso
