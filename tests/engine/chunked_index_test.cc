// A payload indexed a chunk at a time must give exactly what simdjson's whole index gives: the
// same index, and the same answer or error from every format's parser, wherever the guesses of
// the chunk boundaries fall and whatever the bytes are.

#include "suppliers/chunked_index.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/payload_parser.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "suppliers/duffel/offers_parser.h"
#include "suppliers/payload_piece.h"
#include "suppliers/token_skip.h"
#include "support/generated_payload.h"
#include "support/offer_texts.h"

namespace fareflow {
namespace {

namespace od = simdjson::ondemand;
using testing_support::KindOf;
using Shape = testing_support::PayloadShape;

// Small chunks, so that a payload of a few dozen offers has many boundaries.
constexpr std::size_t kSmallChunk = 2048;

std::string Generated(Shape shape, int offers) {
  return testing_support::GeneratedPayload(shape, offers, 5,
                                           testing_support::GeneratedRoundTrip(2));
}

std::string_view OfferStartOf(Shape shape) {
  return shape == Shape::kAmadeus ? amadeus::kFlightOfferStart : duffel::kOfferStart;
}

// The entries of `parser`'s structural index.
std::vector<uint32_t> EntriesOf(od::parser& parser) {
  using namespace suppliers::token_access;
  const simdjson::internal::dom_parser_implementation& index = *(parser.*Get(ParserImpl{}));
  return {index.structural_indexes.get(),
          index.structural_indexes.get() + index.n_structural_indexes};
}

TEST(ChunkedIndexTest, WalkingTheOffersIndexesThePayloadAsSimdjsonDoesWhole) {
  const simdjson::padded_string payload(Generated(Shape::kAmadeus, 40));
  od::parser whole_parser;
  od::document whole_doc;
  ASSERT_EQ(whole_parser.iterate(payload).get(whole_doc), simdjson::SUCCESS);

  suppliers::ChunkedIndex index(payload, amadeus::kFlightOfferStart, kSmallChunk, nullptr);
  ASSERT_TRUE(index.chunked());
  od::parser parser;
  od::document doc;
  ASSERT_EQ(index.Iterate(parser, doc), simdjson::SUCCESS);
  EXPECT_FALSE(index.complete());
  EXPECT_LT(EntriesOf(parser).size(), EntriesOf(whole_parser).size() / 10);
  od::object root;
  ASSERT_EQ(doc.get_object().get(root), simdjson::SUCCESS);
  int offers = 0;
  int chunks = 1;
  for (auto field_result : root) {
    od::field field;
    ASSERT_EQ(std::move(field_result).get(field), simdjson::SUCCESS);
    if (field.key() != "data") continue;  // On-Demand steps over it
    od::array data;
    ASSERT_EQ(field.value().get_array().get(data), simdjson::SUCCESS);
    for (auto element : data) {
      od::value item;
      ASSERT_EQ(element.get(item), simdjson::SUCCESS);
      const std::size_t before = EntriesOf(parser).size();
      ASSERT_EQ(index.Reached(item, false), simdjson::SUCCESS);
      chunks += EntriesOf(parser).size() > before;
      ++offers;
    }
  }
  EXPECT_EQ(offers, 40);
  EXPECT_GT(chunks, 20);
  EXPECT_TRUE(index.complete());
  EXPECT_EQ(EntriesOf(parser), EntriesOf(whole_parser));
}

// Reads every element of `array` as an object of strings; the first error.
simdjson::error_code ReadObjects(od::array array) {
  for (auto element : array) {
    od::object object;
    if (auto error = element.get_object().get(object)) return error;
    for (auto field : object) {
      std::string_view value;
      if (auto error = field.value().get_string().get(value)) return error;
    }
  }
  return simdjson::SUCCESS;
}

// A guessed boundary inside an array that the walk reads element by element, not an offers array:
// the walk comes to the end of the index while reading, and what it reads there closes its
// containers or fails. The parser's index holds a previous document's entries, all pointing a
// megabyte in, far past this payload: a walk that read one would read outside the payload (which
// AddressSanitizer reports).
TEST(ChunkedIndexTest, AWalkPastTheIndexReadsOnlyWhatIsWrittenAfterIt) {
  od::parser parser;
  std::string tokens = "[\"" + std::string(1 << 20, 'a') + "\"";
  for (int i = 0; i < 20000; ++i) tokens += ",1";
  tokens += "]";
  const simdjson::padded_string before(tokens);
  od::document earlier_doc;
  ASSERT_EQ(parser.iterate(before).get(earlier_doc), simdjson::SUCCESS);

  std::string bytes = R"({"data":[{"type":"flight-offer","nested":[)";
  for (int i = 0; i < 200; ++i) bytes += R"({"type":"flight-offer","id":"n"},)";
  bytes += R"({"id":"last"}]}]})";
  const simdjson::padded_string payload(bytes);
  suppliers::ChunkedIndex index(payload, amadeus::kFlightOfferStart, 512, nullptr);
  ASSERT_TRUE(index.chunked());
  od::document doc;
  ASSERT_EQ(index.Iterate(parser, doc), simdjson::SUCCESS);
  od::object root;
  ASSERT_EQ(doc.get_object().get(root), simdjson::SUCCESS);
  simdjson::error_code error = simdjson::SUCCESS;
  for (auto field_result : root) {
    od::field field;
    if ((error = std::move(field_result).get(field))) break;
    od::array data;
    if ((error = field.value().get_array().get(data))) break;
    for (auto element : data) {
      od::value offer;
      if ((error = element.get(offer)) || (error = index.Reached(offer, false))) break;
      od::object fields;
      if ((error = offer.get_object().get(fields))) break;
      for (auto offer_field : fields) {
        od::field f;
        if ((error = std::move(offer_field).get(f))) break;
        od::array nested;
        if (f.value().get_array().get(nested) == simdjson::SUCCESS) error = ReadObjects(nested);
        if (error) break;
      }
      if (error) break;
    }
    if (error) break;
  }
  EXPECT_NE(error, simdjson::SUCCESS);
  EXPECT_FALSE(index.complete());
}

TEST(ChunkedIndexTest, SmallPayloadsAndOthersWrittenOtherwiseAreIndexedAtOnce) {
  const simdjson::padded_string small(Generated(Shape::kAmadeus, 1));
  EXPECT_FALSE(
      suppliers::ChunkedIndex(small, amadeus::kFlightOfferStart, kSmallChunk, nullptr).chunked());
  const simdjson::padded_string payload(Generated(Shape::kAmadeus, 10));
  EXPECT_FALSE(suppliers::ChunkedIndex(payload, amadeus::kFlightOfferStart, 0, nullptr).chunked());
  EXPECT_FALSE(suppliers::ChunkedIndex(payload, "", kSmallChunk, nullptr).chunked());
  const simdjson::padded_string not_an_object(Generated(Shape::kAmadeus, 10) + "]");
  EXPECT_FALSE(
      suppliers::ChunkedIndex(not_an_object, amadeus::kFlightOfferStart, kSmallChunk, nullptr)
          .chunked());
  EXPECT_TRUE(
      suppliers::ChunkedIndex(payload, amadeus::kFlightOfferStart, kSmallChunk, nullptr).chunked());
}

class ChunkedParseTest : public ::testing::Test {
 protected:
  // ParsePayloadPiece of the whole payload, indexed `chunk_bytes` at a time (0: at once), with the
  // one parser of the test: what a walk reads past the index would be a larger payload's entries.
  // `indexed_again`, when given, is set to whether the payload had to be indexed whole after all.
  std::string Parse(SupplierKind kind, simdjson::padded_string_view payload,
                    std::size_t chunk_bytes, bool* indexed_again = nullptr) {
    Arena arena;
    OfferBatch batch(arena.resource());
    suppliers::Piece piece;
    piece.chunk_bytes = chunk_bytes;
    const Result<void> parsed =
        ParsePayloadPiece(kind, payload, parser_, enricher_, arena, 0, batch, piece);
    if (indexed_again != nullptr) *indexed_again = piece.indexed_again;
    return testing_support::ParseText(parsed, batch);
  }

  // The answer with the whole index and with chunks, which must be the same.
  void ExpectSameAnswer(SupplierKind kind, const std::string& bytes) {
    const simdjson::padded_string payload(bytes);
    EXPECT_EQ(Parse(kind, payload, kSmallChunk), Parse(kind, payload, 0));
  }

  void SetUp() override {
    // Leaves stale entries, far beyond the end of the payloads parsed next, in the parser's index.
    const simdjson::padded_string large(Generated(Shape::kDuffelList, 300));
    Parse(SupplierKind::kDuffel, large, 0);
  }

  SearchRequest request_ = testing_support::GeneratedRoundTrip(2);
  Enricher enricher_{request_, refdata::FxRates::Builtin()};
  od::parser parser_;
};

TEST_F(ChunkedParseTest, EveryShapeGivesTheAnswerOfTheWholeIndex) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const simdjson::padded_string payload(Generated(shape, 40));
    const std::string whole = Parse(KindOf(shape), payload, 0);
    bool indexed_again = true;
    EXPECT_EQ(Parse(KindOf(shape), payload, kSmallChunk, &indexed_again), whole);
    EXPECT_FALSE(indexed_again);  // the chunks' walk gave the answer
    EXPECT_NE(whole.find("ok\nreceived 40\n"), std::string::npos) << whole.substr(0, 200);
  }
}

// Offers that hold, in a nested array, objects that begin as offers do: some guesses of a
// boundary fall inside an offer, and the walk comes to the end of the index where no offer begins.
TEST_F(ChunkedParseTest, BoundariesGuessedInsideAnOfferFallBackToTheWholeIndex) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest}) {
    SCOPED_TRACE(static_cast<int>(shape));
    std::string bytes = Generated(shape, 40);
    const std::string start(OfferStartOf(shape));
    const std::string decoy =
        start + (shape == Shape::kAmadeus ? R"(,"id":"decoy"})" : R"(decoy"})");
    const std::string field = R"("decoys":[0,)" + decoy + "," + decoy + "],";
    // After each offer's first value.
    int planted = 0;
    for (std::size_t at = bytes.find(start); at != std::string::npos;
         at = bytes.find(start, at + 1)) {
      const std::size_t comma = bytes.find(',', at + start.size());
      ASSERT_NE(comma, std::string::npos);
      bytes.insert(comma + 1, field);
      at = comma + field.size();
      ++planted;
    }
    ASSERT_EQ(planted, 40);
    const simdjson::padded_string payload(bytes);
    const std::string whole = Parse(KindOf(shape), payload, 0);
    EXPECT_NE(whole.find("ok\nreceived 40\n"), std::string::npos) << whole.substr(0, 300);
    int indexed_again_times = 0;
    for (std::size_t chunk = 1000; chunk < 4000; chunk += 250) {
      bool indexed_again = false;
      EXPECT_EQ(Parse(KindOf(shape), payload, chunk, &indexed_again), whole) << chunk;
      indexed_again_times += indexed_again;
    }
    EXPECT_GT(indexed_again_times, 0);  // some guesses fell inside an offer
  }
}

TEST_F(ChunkedParseTest, TruncatedAndTrailingPayloadsGiveTheErrorOfTheWholeIndex) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const std::string bytes = Generated(shape, 30);
    for (int percent = 40; percent < 100; percent += 7) {
      const std::string cut = bytes.substr(0, bytes.size() * percent / 100);
      ExpectSameAnswer(KindOf(shape), cut);
      ExpectSameAnswer(KindOf(shape), cut + "}");
      ExpectSameAnswer(KindOf(shape), cut + "]}");
    }
    ExpectSameAnswer(KindOf(shape), bytes + "}");
    ExpectSameAnswer(KindOf(shape), bytes + "{}");
    ExpectSameAnswer(KindOf(shape), bytes.substr(0, bytes.size() - 1) + "]");
  }
}

// simdjson checks a whole payload once more when the byte after it is `}`; so does a chunked one.
TEST_F(ChunkedParseTest, AClosingBraceAfterThePayloadIsCheckedAsSimdjsonDoes) {
  const std::string bytes = Generated(Shape::kAmadeus, 30);
  std::string buffer = bytes + "}";
  buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  const simdjson::padded_string_view view(buffer.data(), bytes.size(), buffer.size());
  EXPECT_EQ(Parse(SupplierKind::kAmadeus, view, kSmallChunk),
            Parse(SupplierKind::kAmadeus, view, 0));
  EXPECT_EQ(Parse(SupplierKind::kAmadeus, view, kSmallChunk).substr(0, 3), "ok\n");
  // Unbalanced: a `}` of the dictionaries left out, so that the last one closes them and the walk
  // would take the byte after the payload for the end of the top-level object.
  std::string unbalanced = bytes;
  ASSERT_EQ(unbalanced.substr(unbalanced.size() - 2), "}}");
  unbalanced.erase(unbalanced.size() - 2, 1);
  buffer = unbalanced + "}";
  buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  const simdjson::padded_string_view broken(buffer.data(), unbalanced.size(), buffer.size());
  const std::string whole = Parse(SupplierKind::kAmadeus, broken, 0);
  EXPECT_EQ(whole.substr(0, 7), "error: ");
  EXPECT_EQ(Parse(SupplierKind::kAmadeus, broken, kSmallChunk), whole);
}

// Bytes changed at random, as a supplier's broken answer or an attacker's would be: the answer is
// always the whole index's (under ASan, also: nothing read outside the payload and the index).
TEST_F(ChunkedParseTest, ChangedBytesGiveTheAnswerOfTheWholeIndex) {
  std::mt19937 random(7);
  constexpr std::string_view kBytes = "{}[],:\"\\ 0a\x01\x80";
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const std::string bytes = Generated(shape, 12);
    for (int run = 0; run < 150; ++run) {
      std::string changed = bytes;
      const int changes = 1 + static_cast<int>(random() % 3);
      for (int c = 0; c < changes; ++c) {
        const std::size_t at = random() % changed.size();
        changed[at] = kBytes[random() % kBytes.size()];
      }
      const simdjson::padded_string payload(changed);
      ASSERT_EQ(Parse(KindOf(shape), payload, 512), Parse(KindOf(shape), payload, 0)) << run;
    }
  }
}

// A head piece indexed in chunks stops at its cut, and indexes nothing after it.
TEST_F(ChunkedParseTest, AHeadIndexesUpToItsCutAndStopsThere) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const SupplierKind kind = KindOf(shape);
    const simdjson::padded_string payload(Generated(shape, 30));
    const std::string_view bytes(payload.data(), payload.size());
    const PieceShape piece_shape = PieceShapeOf(kind, bytes);
    int offers_before = 0;
    int stopped = 0;
    for (const char* cut = suppliers::FindElementStart(bytes, piece_shape.offer_start, 0);
         cut != nullptr; cut = suppliers::FindElementStart(bytes, piece_shape.offer_start,
                                                           cut - bytes.data() + 1)) {
      ++offers_before;
      suppliers::CutPoint point(cut);
      suppliers::Piece head;
      head.kind = suppliers::PieceKind::kHead;
      head.cut = &point;
      head.reopen = piece_shape.reopen;
      head.chunk_bytes = kSmallChunk;
      Arena arena;
      OfferBatch batch(arena.resource());
      ASSERT_TRUE(ParsePayloadPiece(kind, payload, parser_, enricher_, arena, 0, batch, head));
      ASSERT_TRUE(head.stopped_at_cut);
      EXPECT_FALSE(head.indexed_again);
      EXPECT_EQ(head.next_index, offers_before);
      EXPECT_EQ(batch.received, offers_before);
      if (static_cast<std::size_t>(cut - bytes.data()) > kSmallChunk * 2) {
        EXPECT_EQ(point.indexed(), cut);  // the chunk before the cut ends there
        ++stopped;
      }
    }
    EXPECT_EQ(offers_before, 29);
    EXPECT_GT(stopped, 10);
  }
}

}  // namespace
}  // namespace fareflow
