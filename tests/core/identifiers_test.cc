#include "core/identifiers.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace inkasso {
namespace {

// --- CVR ---------------------------------------------------------------------------------------

TEST(Cvr, LegalMdExample) {
  // 2*2 + 7*7 + 6*3 + 5*5 + 4*5 + 3*0 + 2*2 + 1*1 = 4 + 49 + 18 + 25 + 20 + 0 + 4 + 1 = 121 = 11*11
  EXPECT_TRUE(is_valid_cvr("27355021"));
}

TEST(Cvr, Invalid) {
  EXPECT_FALSE(is_valid_cvr("27355022"));   // weighted sum 122, not divisible by 11
  EXPECT_FALSE(is_valid_cvr("27355012"));   // last two swapped: 116 + 2*1 + 1*2 = 120
  EXPECT_FALSE(is_valid_cvr("2735502"));    // 7 digits
  EXPECT_FALSE(is_valid_cvr("273550210"));  // 9 digits
  EXPECT_FALSE(is_valid_cvr(""));
  EXPECT_FALSE(is_valid_cvr("2735502a"));
  EXPECT_FALSE(is_valid_cvr("27 35 50 21"));
  EXPECT_FALSE(is_valid_cvr("DK27355021"));
  // Sum 0 is divisible by 11, but a CVR number never starts with 0.
  EXPECT_FALSE(is_valid_cvr("00000000"));
}

// --- CPR ---------------------------------------------------------------------------------------

TEST(Cpr, BothShapes) {
  // 7th digit 1 → 1900s.
  auto a = cpr_birth_date("0101001234");
  auto b = cpr_birth_date("010100-1234");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, Date::ymd(1900, 1, 1));
  EXPECT_EQ(*b, Date::ymd(1900, 1, 1));
  EXPECT_TRUE(is_valid_cpr("0101001234"));
  EXPECT_TRUE(is_valid_cpr("010100-1234"));
}

TEST(Cpr, Modulus11FailureIsAccepted) {
  // 0*4 + 1*3 + 0*2 + 1*7 + 0*6 + 0*5 + 1*4 + 2*3 + 3*2 + 4*1 = 30, and 30 mod 11 = 8: the old
  // check would reject it, but numbers issued since 2007 need not pass it.
  EXPECT_TRUE(is_valid_cpr("010100-1234"));
}

TEST(Cpr, CenturyFromTheSeventhDigit) {
  auto year = [](const char* cpr) {
    auto r = cpr_birth_date(cpr);
    return r.ok() ? r->year() : -1;
  };
  // 0-3: always the 1900s.
  EXPECT_EQ(year("150500-0000"), 1900);
  EXPECT_EQ(year("150599-3999"), 1999);
  EXPECT_EQ(year("150536-2000"), 1936);
  // 4 and 9: 2000s up to YY = 36, 1900s from 37.
  EXPECT_EQ(year("150536-4000"), 2036);
  EXPECT_EQ(year("150537-4000"), 1937);
  EXPECT_EQ(year("150500-9000"), 2000);
  EXPECT_EQ(year("150536-9000"), 2036);
  EXPECT_EQ(year("150537-9999"), 1937);
  // 5-8: 2000s up to YY = 57; from 58 the 1800s, which Date cannot hold.
  EXPECT_EQ(year("150557-5000"), 2057);
  EXPECT_EQ(year("150500-8000"), 2000);
  EXPECT_EQ(year("150510-6543"), 2010);
  EXPECT_EQ(year("150558-5000"), -1);
  EXPECT_EQ(year("150599-8000"), -1);
  auto r = cpr_birth_date("150558-7000");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_cpr");
}

TEST(Cpr, MustBeARealDate) {
  EXPECT_FALSE(is_valid_cpr("310225-1234"));  // 31 February
  EXPECT_FALSE(is_valid_cpr("290223-1234"));  // 1923 is no leap year
  EXPECT_TRUE(is_valid_cpr("290224-1234"));   // 1924 is
  EXPECT_TRUE(is_valid_cpr("290200-4000"));   // 2000 is a leap year (divisible by 400)
  EXPECT_FALSE(is_valid_cpr("290200-1000"));  // 1900 is not (divisible by 100, not by 400)
  EXPECT_FALSE(is_valid_cpr("000125-1234"));  // day 0
  EXPECT_FALSE(is_valid_cpr("320125-1234"));  // day 32
  EXPECT_FALSE(is_valid_cpr("011325-1234"));  // month 13
  EXPECT_FALSE(is_valid_cpr("010025-1234"));  // month 0
  EXPECT_TRUE(is_valid_cpr("311225-1234"));
}

TEST(Cpr, WrongShape) {
  EXPECT_FALSE(is_valid_cpr(""));
  EXPECT_FALSE(is_valid_cpr("010100123"));    // 9 digits
  EXPECT_FALSE(is_valid_cpr("01010012345"));  // 11 digits, no dash
  EXPECT_FALSE(is_valid_cpr("010100-123"));
  EXPECT_FALSE(is_valid_cpr("010100-12345"));
  EXPECT_FALSE(is_valid_cpr("01010-01234"));  // dash in the wrong place
  EXPECT_FALSE(is_valid_cpr("010100 1234"));
  EXPECT_FALSE(is_valid_cpr("010100/1234"));
  EXPECT_FALSE(is_valid_cpr("01010a-1234"));
  EXPECT_FALSE(is_valid_cpr("010100-12a4"));
  EXPECT_FALSE(is_valid_cpr(" 010100-1234"));
  EXPECT_FALSE(is_valid_cpr("010100-1234 "));
}

TEST(Cpr, ErrorsNeverQuoteTheNumber) {
  for (const char* cpr : {"310225-1234", "3102251234", "150558-7000", "310225-12x4"}) {
    auto r = cpr_birth_date(cpr);
    ASSERT_FALSE(r.ok());  // No message: not even a test prints a CPR number.
    EXPECT_EQ(r.error().code, "invalid_cpr");
    EXPECT_EQ(r.error().message.find("310225"), std::string::npos);
    EXPECT_EQ(r.error().message.find("150558"), std::string::npos);
    EXPECT_EQ(r.error().message.find("1925"), std::string::npos);  // nor the birth date
  }
}

TEST(Cpr, Masking) {
  EXPECT_EQ(mask_cpr("010100-1234"), "010100-XXXX");
  EXPECT_EQ(mask_cpr("0101001234"), "010100-XXXX");
  // The shape is enough for a mask; a display must not depend on the date being real.
  EXPECT_EQ(mask_cpr("310225-1234"), "310225-XXXX");
  // Anything malformed is masked completely: we cannot tell which part is sensitive.
  EXPECT_EQ(mask_cpr(""), "XXXXXX-XXXX");
  EXPECT_EQ(mask_cpr("010100-123"), "XXXXXX-XXXX");
  EXPECT_EQ(mask_cpr("01010012345"), "XXXXXX-XXXX");
  EXPECT_EQ(mask_cpr("0101 001234"), "XXXXXX-XXXX");
}

// --- FI payment line ---------------------------------------------------------------------------

TEST(Fi, LuhnCheckDigitOfTheLegalMdExamples) {
  // 0 2 6 8 4 0 1 4 9 9 6 5 3 2 times 1 2 1 2 ...: 0 4 6 16→7 4 0 1 8 9 18→9 6 10→1 3 4 = 62;
  // (10 - 2) mod 10 = 8.
  EXPECT_EQ(luhn_check_digit("02684014996532"), 8);
  // ... 6*2=12→3, 7, 0, 9, 7*2=14→5, 5, 3*2=6: 35; (10 - 5) mod 10 = 5.
  EXPECT_EQ(luhn_check_digit("00000006709753"), 5);
  // Only the last digit, weight 2: 2; (10 - 2) mod 10 = 8.
  EXPECT_EQ(luhn_check_digit("00000000000001"), 8);
  // Sum 0: (10 - 0) mod 10 = 0, not 10.
  EXPECT_EQ(luhn_check_digit("00000000000000"), 0);
}

TEST(Fi, PayerIdOfTheLegalMdExamples) {
  EXPECT_EQ(*fi_payer_id(2684014996532), "026840149965328");
  EXPECT_EQ(*fi_payer_id(6709753), "000000067097535");
  EXPECT_EQ(*fi_payer_id(1), "000000000000018");
  EXPECT_EQ(*fi_payer_id(0), "000000000000000");
  for (const char* id : {"026840149965328", "000000067097535", "000000000000018"}) {
    EXPECT_TRUE(is_valid_fi_payer_id(id)) << id;
  }
}

TEST(Fi, PayerIdRange) {
  // 14 nines: 7 at weight 1 give 63; 7 at weight 2 give 18→9 each, 63; 126; (10 - 6) mod 10 = 4.
  auto max = fi_payer_id(kFiReferenceMax);
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, "999999999999994");
  auto too_big = fi_payer_id(kFiReferenceMax + 1);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, "invalid_reference");
  EXPECT_FALSE(fi_payer_id(UINT64_MAX).ok());
}

TEST(Fi, InvalidPayerIds) {
  EXPECT_FALSE(is_valid_fi_payer_id("026840149965329"));   // wrong check digit
  EXPECT_FALSE(is_valid_fi_payer_id("126840149965328"));   // a changed digit
  EXPECT_FALSE(is_valid_fi_payer_id("206840149965328"));   // two adjacent digits swapped
  EXPECT_FALSE(is_valid_fi_payer_id("02684014996532"));    // 14 digits
  EXPECT_FALSE(is_valid_fi_payer_id("0026840149965328"));  // 16 digits
  EXPECT_FALSE(is_valid_fi_payer_id(""));
  EXPECT_FALSE(is_valid_fi_payer_id("02684014996532a"));
  EXPECT_FALSE(is_valid_fi_payer_id("0268401499653 8"));
  EXPECT_FALSE(is_valid_fi_payer_id("+71<026840149965328"));
}

TEST(Fi, EveryGeneratedPayerIdValidates) {
  for (uint64_t ref = 0; ref < 2000; ++ref) {
    auto id = fi_payer_id(ref * 7919 + ref);
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(is_valid_fi_payer_id(*id)) << *id;
    // Changing the check digit to any other digit must be caught.
    std::string wrong = *id;
    wrong[14] = static_cast<char>('0' + (wrong[14] - '0' + 1) % 10);
    ASSERT_FALSE(is_valid_fi_payer_id(wrong)) << wrong;
  }
}

TEST(Fi, PaymentLine) {
  auto line = fi_payment_line(2684014996532, "85123456");
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(*line, "+71<026840149965328+85123456<");
  EXPECT_EQ(*fi_payment_line(1, "00000001"), "+71<000000000000018+00000001<");
}

TEST(Fi, PaymentLineErrors) {
  for (const char* creditor : {"", "8512345", "851234567", "8512345a", " 85123456", "8512-3456"}) {
    auto line = fi_payment_line(1, creditor);
    ASSERT_FALSE(line.ok()) << creditor;
    EXPECT_EQ(line.error().code, "invalid_creditor_number");
    EXPECT_EQ(line.error().field, "creditor_number");
  }
  auto line = fi_payment_line(kFiReferenceMax + 1, "85123456");
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().code, "invalid_reference");
}

TEST(FiDeathTest, LuhnCheckDigitNeedsFourteenDigits) {
  EXPECT_DEATH(luhn_check_digit("0268401499653"), "assertion failed");
  EXPECT_DEATH(luhn_check_digit("0268401499653a"), "assertion failed");
}

}  // namespace
}  // namespace inkasso
