#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace inkasso {
namespace {

// The øre of a parse that must succeed, or a failure naming the input.
int64_t ore_of(Result<Money> r, std::string_view text) {
  EXPECT_TRUE(r.ok()) << "\"" << text << "\": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r->ore() : INT64_MIN;
}
int64_t plain(std::string_view text) {
  return ore_of(Money::parse(text), text);
}
int64_t danish(std::string_view text) {
  return ore_of(Money::parse_danish(text), text);
}

TEST(Money, ParsesPlainAndFormats) {
  auto m = Money::parse("1500.00");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->ore(), 150000);
  EXPECT_EQ(m->to_plain(), "1500.00");
  EXPECT_EQ(m->to_danish(), "1.500,00");
  EXPECT_EQ(m->to_kr(), "1.500,00 kr.");
}

TEST(Money, ParsePlain) {
  EXPECT_EQ(plain("1500.00"), 150000);
  EXPECT_EQ(plain("1500"), 150000);
  EXPECT_EQ(plain("1500.5"), 150050);  // one decimal means tenths: 1500 * 100 + 5 * 10
  EXPECT_EQ(plain("1500.05"), 150005);
  EXPECT_EQ(plain("0.05"), 5);
  EXPECT_EQ(plain("0"), 0);
  EXPECT_EQ(plain("007.00"), 700);
  EXPECT_EQ(plain("-12.50"), -1250);
  EXPECT_EQ(plain("-0.01"), -1);
  EXPECT_EQ(plain("-0.00"), 0);
  // The limit itself is accepted: 10 billion kroner = 10^10 * 100 øre.
  EXPECT_EQ(plain("10000000000.00"), Money::kMaxAbsOre);
  EXPECT_EQ(plain("-10000000000"), -Money::kMaxAbsOre);
}

TEST(Money, ParsePlainErrors) {
  for (std::string_view text :
       {"",
        ".",
        "-",
        "1.",
        "-.5",
        ".5",
        "12.345",
        "1.50.0",
        "abc",
        "1,2,3",
        "1,50",
        "1.500,00",
        "--1",
        "+1",
        " 1",
        "1 ",
        "1 000",
        "1e3",
        "0x10",
        "12.3a",
        "1-",
        "10000000000.01",              // 1 øre over the limit
        "10000000001",                 // 1 krone over the limit
        "99999999999999999999999999",  // would overflow int64 if not stopped early
        "-10000000000.01"}) {
    auto r = Money::parse(text);
    EXPECT_FALSE(r.ok()) << "\"" << text << "\" parsed as " << (r.ok() ? r->to_plain() : "");
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_amount") << text;
    }
  }
}

TEST(Money, ParseDanish) {
  EXPECT_EQ(danish("1.500,00"), 150000);
  EXPECT_EQ(danish("1500,00"), 150000);
  EXPECT_EQ(danish("1500"), 150000);
  EXPECT_EQ(danish("1.500"), 150000);    // '.' groups thousands: 1.500 is fifteen hundred
  EXPECT_EQ(danish("12.345"), 1234500);  // the same text is an error in the plain format
  EXPECT_EQ(danish("1500,5"), 150050);   // 1500 * 100 + 5 * 10
  EXPECT_EQ(danish("0,05"), 5);
  EXPECT_EQ(danish("-12,50"), -1250);
  EXPECT_EQ(danish("1.234.567,89"), 123456789);
  EXPECT_EQ(danish("999"), 99900);
  EXPECT_EQ(danish("999.999"), 99999900);
  // Stray spaces and a "kr." or "kr" suffix, as typed into a form.
  EXPECT_EQ(danish(" 1.500,00 kr. "), 150000);
  EXPECT_EQ(danish("1500 kr"), 150000);
  EXPECT_EQ(danish("1.500,00kr."), 150000);
  EXPECT_EQ(danish("10.000.000.000,00"), Money::kMaxAbsOre);
}

TEST(Money, ParseDanishErrors) {
  for (std::string_view text :
       {"",           ",",      "-",    "1,",     ",5",       "1,2,3",    "1.5000,00",
        "1.50",       "-12.50", ".500", "1..500", "1234.567", "1.500.00", "12,345",
        "1.500,",     "abc",    "kr.",  "kr",     "1,5a",     "1 500",    "10.000.000.000,01",
        "10000000001"}) {
    auto r = Money::parse_danish(text);
    EXPECT_FALSE(r.ok()) << "\"" << text << "\" parsed as " << (r.ok() ? r->to_plain() : "");
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_amount") << text;
    }
  }
}

TEST(Money, ParseErrorQuotesTheInput) {
  auto r = Money::parse("12.345");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("\"12.345\""), std::string::npos) << r.error().message;
}

TEST(Money, Formatting) {
  const Money zero = Money::zero();
  EXPECT_EQ(zero.to_plain(), "0.00");
  EXPECT_EQ(zero.to_danish(), "0,00");
  EXPECT_EQ(zero.to_kr(), "0,00 kr.");

  const Money five_ore = Money::from_ore(5);
  EXPECT_EQ(five_ore.to_plain(), "0.05");
  EXPECT_EQ(five_ore.to_danish(), "0,05");
  EXPECT_EQ(five_ore.to_kr(), "0,05 kr.");
  EXPECT_EQ((-five_ore).to_plain(), "-0.05");
  EXPECT_EQ((-five_ore).to_kr(), "-0,05 kr.");

  const Money m = Money::from_ore(-150050);
  EXPECT_EQ(m.to_plain(), "-1500.50");
  EXPECT_EQ(m.to_danish(), "-1.500,50");
  EXPECT_EQ(m.to_kr(), "-1.500,50 kr.");

  EXPECT_EQ(Money::from_ore(99999).to_danish(), "999,99");  // no separator below 1.000
  EXPECT_EQ(Money::from_ore(100000).to_danish(), "1.000,00");
  EXPECT_EQ(Money::from_ore(123456789).to_danish(), "1.234.567,89");
  EXPECT_EQ(Money::from_ore(-123456789).to_plain(), "-1234567.89");
  EXPECT_EQ(Money::from_kroner(1477).to_kr(), "1.477,00 kr.");
  // The extremes of int64 must format without overflow, including INT64_MIN, whose magnitude
  // has no positive int64.
  EXPECT_EQ(Money::from_ore(INT64_MAX).to_plain(), "92233720368547758.07");
  EXPECT_EQ(Money::from_ore(INT64_MIN).to_plain(), "-92233720368547758.08");
  EXPECT_EQ(Money::from_ore(INT64_MIN).to_danish(), "-92.233.720.368.547.758,08");
}

TEST(Money, FormattingRoundTrips) {
  for (int64_t ore = -2'000'000; ore <= 2'000'000; ore += 997) {
    const Money m = Money::from_ore(ore);
    ASSERT_EQ(plain(m.to_plain()), ore);
    ASSERT_EQ(danish(m.to_danish()), ore);
    ASSERT_EQ(danish(m.to_kr()), ore);
  }
  for (int64_t ore : {Money::kMaxAbsOre, -Money::kMaxAbsOre, int64_t{0}, int64_t{1}}) {
    const Money m = Money::from_ore(ore);
    ASSERT_EQ(plain(m.to_plain()), ore);
    ASSERT_EQ(danish(m.to_kr()), ore);
  }
}

TEST(Money, Arithmetic) {
  const Money a = Money::from_ore(150050), b = Money::from_ore(-1250);
  EXPECT_EQ((a + b).ore(), 148800);  // 150050 - 1250
  EXPECT_EQ((a - b).ore(), 151300);  // 150050 + 1250
  EXPECT_EQ((-a).ore(), -150050);
  Money c = a;
  c += b;
  EXPECT_EQ(c.ore(), 148800);
  c -= a;
  EXPECT_EQ(c, b);
  EXPECT_EQ(Money::from_kroner(15).ore(), 1500);
  EXPECT_TRUE(Money().is_zero());
  EXPECT_TRUE(b.is_negative());
  EXPECT_TRUE(a.is_positive());
  EXPECT_FALSE(Money::zero().is_positive() || Money::zero().is_negative());
  EXPECT_LT(b, a);
  EXPECT_EQ(min(a, b), b);
  EXPECT_EQ(max(a, b), a);
  // At the edge of int64 the checked operations still succeed when the result fits.
  EXPECT_EQ((Money::from_ore(INT64_MAX) + Money::from_ore(-1)).ore(), INT64_MAX - 1);
  EXPECT_EQ((Money::from_ore(INT64_MIN) + Money::from_ore(INT64_MAX)).ore(), -1);
  EXPECT_EQ((-Money::from_ore(INT64_MAX)).ore(), INT64_MIN + 1);
}

TEST(MoneyDeathTest, OverflowIsAProgrammerError) {
  const Money max = Money::from_ore(INT64_MAX), min = Money::from_ore(INT64_MIN);
  const Money one = Money::from_ore(1);
  EXPECT_DEATH((void)(max + one), "assertion failed");
  EXPECT_DEATH((void)(min - one), "assertion failed");
  EXPECT_DEATH((void)(one - min), "assertion failed");  // 1 + 2^63 does not fit
  EXPECT_DEATH((void)(-min), "assertion failed");
  EXPECT_DEATH(
      {
        Money m = max;
        m += one;
      },
      "assertion failed");
}

}  // namespace
}  // namespace inkasso
