// A payload parsed in two pieces on the pool must give exactly the serial answer: the same offers
// in the same order, the same counts, drop reasons and drop detail, the same error; wherever the
// cut falls and however many workers the pool has.

#include "engine/split_payload.h"

#include <latch>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/payload_parser.h"
#include "engine/worker_pool.h"
#include "refdata/fx_rates.h"
#include "suppliers/chunked_index.h"
#include "support/generated_payload.h"
#include "support/offer_texts.h"

namespace fareflow {
namespace {

using testing_support::KindOf;
using Shape = testing_support::PayloadShape;

SearchRequest Request() { return testing_support::GeneratedRoundTrip(2); }

std::string Write(Shape shape, int offers) {
  return testing_support::GeneratedPayload(shape, offers, 11, Request());
}

class SplitPayloadTest : public ::testing::Test {
 protected:
  std::string Serial(SupplierKind kind, const simdjson::padded_string& payload) {
    Arena arena;
    OfferBatch batch(arena.resource());
    simdjson::ondemand::parser parser;
    const Result<void> parsed = ParsePayload(kind, payload, parser, enricher_, arena, 0, batch);
    return testing_support::ParseText(parsed, batch);
  }

  // Parsed in pieces with the tail from `cut`, from a task of `pool` as the engine does.
  std::string Split(SupplierKind kind, const simdjson::padded_string& payload, const char* cut,
                    WorkerPool& pool, SplitPath& path) {
    Arena arena;
    OfferBatch batch(arena.resource());
    std::string text;
    std::latch done(1);
    pool.Submit([&](simdjson::ondemand::parser& parser) {
      const Result<void> parsed =
          ParseInPieces(kind, payload, parser, enricher_, arena, 0, batch, pool, cut, &path);
      text = testing_support::ParseText(parsed, batch);
      done.count_down();
    });
    done.wait();
    return text;
  }

  // The cut ParsePayload would take, at the middle.
  static const char* MiddleCut(SupplierKind kind, const simdjson::padded_string& payload) {
    const std::string_view bytes(payload.data(), payload.size());
    return suppliers::FindElementStart(bytes, PieceShapeOf(kind, bytes).offer_start,
                                       bytes.size() / 2);
  }

  SearchRequest request_ = Request();
  Enricher enricher_{request_, refdata::FxRates::Builtin()};
  WorkerPool pool_{2};
};

TEST_F(SplitPayloadTest, EveryShapeSplitAtTheMiddleGivesTheSerialAnswer) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const SupplierKind kind = KindOf(shape);
    const simdjson::padded_string payload(Write(shape, 60));
    const char* cut = MiddleCut(kind, payload);
    ASSERT_NE(cut, nullptr);
    SplitPath path = SplitPath::kWhole;
    const std::string serial = Serial(kind, payload);
    EXPECT_EQ(Split(kind, payload, cut, pool_, path), serial);
    EXPECT_EQ(path, SplitPath::kMerged);
    EXPECT_NE(serial.find("received 60\n"), std::string::npos) << serial;
  }
}

TEST_F(SplitPayloadTest, EveryOfferBoundaryAsTheCutGivesTheSerialAnswer) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest}) {
    const SupplierKind kind = KindOf(shape);
    const simdjson::padded_string payload(Write(shape, 12));
    const std::string serial = Serial(kind, payload);
    const std::string_view bytes(payload.data(), payload.size());
    int merged = 0;
    for (const char* cut =
             suppliers::FindElementStart(bytes, PieceShapeOf(kind, bytes).offer_start, 0);
         cut != nullptr;
         cut = suppliers::FindElementStart(bytes, PieceShapeOf(kind, bytes).offer_start,
                                           static_cast<std::size_t>(cut - bytes.data()) + 1)) {
      SplitPath path = SplitPath::kWhole;
      EXPECT_EQ(Split(kind, payload, cut, pool_, path), serial);
      merged += path == SplitPath::kMerged;
    }
    EXPECT_EQ(merged, 11);  // every offer but the first can begin a tail
  }
}

// A cut on every object and string start and every fifth byte: inside strings, inside offers, in
// other arrays, in `meta` and the dictionaries. The head never stops anywhere but at an offer, and
// the answer never changes.
TEST_F(SplitPayloadTest, ACutOnAnyByteGivesTheSerialAnswer) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const SupplierKind kind = KindOf(shape);
    const simdjson::padded_string payload(Write(shape, 3));
    const std::string serial = Serial(kind, payload);
    int merged = 0;
    for (std::size_t at = 0; at < payload.size(); ++at) {
      if (at % 5 != 0 && payload.data()[at] != '{' && payload.data()[at] != '"') continue;
      SplitPath path = SplitPath::kWhole;
      ASSERT_EQ(Split(kind, payload, payload.data() + at, pool_, path), serial) << at;
      merged += path == SplitPath::kMerged;
    }
    // On the second and third offers' first byte, and the first's where it follows nothing read.
    EXPECT_GE(merged, 2);
    EXPECT_LE(merged, 3);
  }
}

TEST_F(SplitPayloadTest, ACutInsideAStringThatLooksLikeAnOfferStartIsNotTaken) {
  std::string json = Write(Shape::kAmadeus, 20);
  // An unknown field of the 10th offer holds what looks like the start of the next offer.
  const std::string start = R"({"type":"flight-offer")";
  std::size_t at = 0;
  for (int i = 0; i < 10; ++i) at = json.find(start, at + 1);
  const std::string decoy = R"("remark":"x,\n{\"type\":\"flight-offer\",)";
  json.insert(at + start.size() + 1, decoy + R"(",)");
  const simdjson::padded_string payload(json);
  const std::string serial = Serial(SupplierKind::kAmadeus, payload);
  ASSERT_NE(serial.find("received 20\n"), std::string::npos) << serial;
  // The cut on the `{` of the decoy: inside a string.
  const char* cut = payload.data() + json.find(R"({\"type)", at);
  SplitPath path = SplitPath::kWhole;
  EXPECT_EQ(Split(SupplierKind::kAmadeus, payload, cut, pool_, path), serial);
  EXPECT_EQ(path, SplitPath::kHeadAlone);
}

// `marker` made invalid in the offer `which` (0-based) of `json`.
std::string Break(std::string json, std::string_view offer_start, int which,
                  std::string_view marker, std::string_view broken) {
  std::size_t at = 0;
  for (int i = 0; i <= which; ++i) at = json.find(offer_start, i == 0 ? 0 : at + 1);
  const std::size_t field = json.find(marker, at);
  json.replace(field, marker.size(), broken);
  return json;
}

TEST_F(SplitPayloadTest, AMalformedOfferOnEitherSideOfTheCutIsCountedAsSerially) {
  struct Case {
    Shape shape;
    std::string_view offer_start, marker, broken;
  };
  const Case cases[] = {
      {Shape::kAmadeus, R"({"type":"flight-offer")", R"("currency":"EUR")", R"("currency":"E!R")"},
      {Shape::kDuffelRequest, R"({"id":"off_)", R"("total_currency":"EUR")",
       R"("total_currency":"E!R")"},
  };
  for (const Case& c : cases) {
    const SupplierKind kind = KindOf(c.shape);
    // Dropped before the cut, after it (the tail's drop detail then names its position in the
    // whole payload; the tail's last offer is parsed again with the tail), and on both sides.
    for (std::vector<int> broken : {std::vector<int>{3}, {16}, {5, 17}, {10}, {9}, {19}}) {
      std::string json = Write(c.shape, 20);
      for (int which : broken) json = Break(json, c.offer_start, which, c.marker, c.broken);
      const simdjson::padded_string payload(json);
      const std::string serial = Serial(kind, payload);
      ASSERT_EQ(serial.find("detail \n"), std::string::npos) << "nothing dropped: " << serial;
      std::size_t tenth = 0;
      for (int i = 0; i < 10; ++i) tenth = json.find(c.offer_start, tenth + 1);
      SplitPath path = SplitPath::kWhole;
      EXPECT_EQ(Split(kind, payload, payload.data() + tenth, pool_, path), serial) << broken[0];
      EXPECT_EQ(path, SplitPath::kMerged);
    }
  }
}

TEST_F(SplitPayloadTest, TruncationAfterTheCutReportsTheSerialError) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const SupplierKind kind = KindOf(shape);
    const std::string json = Write(shape, 40);
    for (std::size_t keep : {json.size() * 3 / 4, json.size() - 1, json.size() - 3}) {
      const simdjson::padded_string payload(json.substr(0, keep));
      const std::string serial = Serial(kind, payload);
      ASSERT_EQ(serial.rfind("error: ", 0), 0u) << serial;
      const char* cut = MiddleCut(kind, payload);
      ASSERT_NE(cut, nullptr);
      SplitPath path = SplitPath::kWhole;
      EXPECT_EQ(Split(kind, payload, cut, pool_, path), serial);
    }
  }
}

TEST_F(SplitPayloadTest, TrailingContentAfterTheTopLevelObjectIsTheSerialError) {
  const simdjson::padded_string payload(Write(Shape::kAmadeus, 20) + "}");
  const std::string serial = Serial(SupplierKind::kAmadeus, payload);
  ASSERT_EQ(serial.rfind("error: ", 0), 0u) << serial;
  SplitPath path = SplitPath::kWhole;
  EXPECT_EQ(Split(SupplierKind::kAmadeus, payload, MiddleCut(SupplierKind::kAmadeus, payload),
                  pool_, path),
            serial);
  EXPECT_EQ(path, SplitPath::kSerialAgain);
}

TEST_F(SplitPayloadTest, DictionariesBeforeTheOffersKeepTheHeadReadingEverything) {
  std::string json = Write(Shape::kAmadeus, 20);
  // Move `dictionaries` (renaming a carrier) in front of `data`.
  const std::size_t dictionaries = json.find(R"(,"dictionaries":)");
  std::string moved = json.substr(dictionaries + 1, json.size() - 1 - (dictionaries + 1));
  json.erase(dictionaries, json.size() - 1 - dictionaries);
  const std::size_t carriers = moved.find(R"("carriers":{)");
  moved.insert(carriers + 12, R"("ZZ":"UNUSED","BA":"SPEEDBIRD",)");
  json.insert(1, moved + ",");
  const simdjson::padded_string payload(json);
  const std::string serial = Serial(SupplierKind::kAmadeus, payload);
  ASSERT_EQ(serial.rfind("ok", 0), 0u) << serial;
  SplitPath path = SplitPath::kWhole;
  EXPECT_EQ(Split(SupplierKind::kAmadeus, payload, MiddleCut(SupplierKind::kAmadeus, payload),
                  pool_, path),
            serial);
  EXPECT_EQ(path, SplitPath::kHeadAlone);
}

TEST_F(SplitPayloadTest, TheDictionariesAfterTheOffersNameTheHeadsCarriersToo) {
  std::string json = Write(Shape::kAmadeus, 30);
  // Every carrier named unlike the reference data, so that the names are kept on the offers.
  const std::size_t carriers = json.rfind(R"("carriers":{)");
  ASSERT_NE(carriers, std::string::npos);
  const std::size_t end = json.find('}', carriers);
  for (std::size_t at = json.find(R"(":")", carriers); at < end; at = json.find(R"(":")", at + 4)) {
    json.insert(at + 3, "Z ");
  }
  const simdjson::padded_string payload(json);
  const std::string serial = Serial(SupplierKind::kAmadeus, payload);
  ASSERT_NE(serial.find("Z "), std::string::npos) << serial;
  SplitPath path = SplitPath::kWhole;
  EXPECT_EQ(Split(SupplierKind::kAmadeus, payload, MiddleCut(SupplierKind::kAmadeus, payload),
                  pool_, path),
            serial);
  EXPECT_EQ(path, SplitPath::kMerged);
}

TEST_F(SplitPayloadTest, TinyPayloadsAndSmallPoolsAreNotCut) {
  const simdjson::padded_string payload(Write(Shape::kAmadeus, 5));
  ASSERT_LT(payload.size(), kSplitPayloadBytes);
  const std::string serial = Serial(SupplierKind::kAmadeus, payload);
  Arena arena;
  OfferBatch batch(arena.resource());
  simdjson::ondemand::parser parser;
  const Result<void> parsed =
      ParsePayload(SupplierKind::kAmadeus, payload, parser, enricher_, arena, 0, batch, &pool_);
  EXPECT_EQ(testing_support::ParseText(parsed, batch), serial);
  EXPECT_EQ(pool_.queued(), 0u);  // nothing was handed to the pool
}

// With one worker, the task parsing the head occupies it: the tail it queued can only run when
// the head's task claims it back, which it must, rather than wait.
TEST_F(SplitPayloadTest, APoolOfOneWorkerDoesNotDeadlock) {
  WorkerPool one(1);
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelList}) {
    const SupplierKind kind = KindOf(shape);
    const simdjson::padded_string payload(Write(shape, 30));
    SplitPath path = SplitPath::kWhole;
    EXPECT_EQ(Split(kind, payload, MiddleCut(kind, payload), one, path), Serial(kind, payload));
    EXPECT_EQ(path, SplitPath::kMerged);
  }
}

// Large payloads through ParsePayload with the pool, several at once as a search parses them: the
// tails run on whichever worker is free, or on the task that queued them. Run under TSan too.
TEST_F(SplitPayloadTest, LargePayloadsParsedTogetherGiveTheSerialAnswers) {
  std::vector<SupplierKind> kinds;
  std::vector<std::unique_ptr<simdjson::padded_string>> payloads;
  std::vector<std::string> serial;
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kAmadeus}) {
    int offers = 400;
    std::string json = Write(shape, offers);
    while (json.size() < kSplitPayloadBytes) json = Write(shape, offers *= 2);
    kinds.push_back(KindOf(shape));
    payloads.push_back(std::make_unique<simdjson::padded_string>(json));
    serial.push_back(Serial(kinds.back(), *payloads.back()));
  }
  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> got(payloads.size());
    std::vector<std::unique_ptr<Arena>> arenas;
    for (std::size_t i = 0; i < payloads.size(); ++i) arenas.push_back(std::make_unique<Arena>());
    std::latch done(static_cast<std::ptrdiff_t>(payloads.size()));
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      pool_.Submit([&, i](simdjson::ondemand::parser& parser) {
        {  // the batch goes before the count: the arena it uses may go right after
          OfferBatch batch(arenas[i]->resource());
          const Result<void> parsed =
              ParsePayload(kinds[i], *payloads[i], parser, enricher_, *arenas[i], 0, batch, &pool_);
          got[i] = testing_support::ParseText(parsed, batch);
        }
        done.count_down();
      });
    }
    done.wait();
    for (std::size_t i = 0; i < payloads.size(); ++i) EXPECT_EQ(got[i], serial[i]) << i;
  }
}

}  // namespace
}  // namespace fareflow
