#include "core/money.h"

#include <gtest/gtest.h>

namespace inkasso {
namespace {

TEST(Money, ParsesPlainAndFormats) {
  auto m = Money::parse("1500.00");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->ore(), 150000);
  EXPECT_EQ(m->to_plain(), "1500.00");
  EXPECT_EQ(m->to_danish(), "1.500,00");
  EXPECT_EQ(m->to_kr(), "1.500,00 kr.");
}

}  // namespace
}  // namespace inkasso
