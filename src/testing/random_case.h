// A seeded generator of realistic random case histories, for property tests and the benchmark.
//
// The same seed and shape always give the same history (std::mt19937_64, no global state).
// Histories are built the way a creditor would: claims invoiced early in the span, an
// occasional credit note, the track's steps in order with a few days' slack, and now and then
// a letter, a pause, a track change, a settlement offer, a payment agreement, a fundament or a
// court step. A small share of actions is unlawful on purpose (a fee over 100 kr., a 4th
// fee-bearing reminder, two fee-bearing reminders less than 10 days apart, compensation on a
// private debtor) so the engine's adjustments are exercised. Every history passes
// validate_history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/case_model.h"

namespace inkasso::testing {

struct RandomCaseShape {
  // Counts. With exact_counts the history has exactly these many; otherwise claims are drawn
  // from 1..claims, payments from 0..payments and actions from 0..actions.
  int claims = 3;
  int payments = 2;
  int actions = 6;
  bool exact_counts = true;
  // The history's events fall within this many years (1..8), somewhere between 2019-01-01 and
  // 2026-12-31, so reference-rate changes and the leap years 2020 and 2024 are crossed.
  int years = 3;
  // Mixes, in percent. A private debtor never gets a fixed rate (validate_history forbids
  // it); such draws fall back to procesrente from day 31.
  int person_percent = 40;
  int procesrente_day31_percent = 50;
  int procesrente_due_date_percent = 20;
  int fixed_percent = 15;  // the rest: no interest
  // The track at creation; random (uniform) when not given.
  std::optional<Track> track;
  // Chance that a claim gets a credit note (named, never more than the claim).
  int credit_note_percent = 15;
  // Chance that an action is one of the deliberately unlawful variants.
  int unlawful_percent = 8;
};

// The benchmark's shape: 3 claims, 2 payments, 6 actions over 3 years.
RandomCaseShape bench_shape();

CaseHistory random_case(uint64_t seed, const RandomCaseShape& shape = RandomCaseShape{});

// A compact, human-readable dump of a history (one event per line), for failure messages.
std::string describe(const CaseHistory& history);

}  // namespace inkasso::testing
