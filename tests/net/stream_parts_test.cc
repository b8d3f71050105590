#include "net/stream_parts.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fareflow::net {
namespace {

using Parts = std::vector<std::string>;

TEST(StreamPartsTest, TheFirstPumpIsTheHeadsAndLaterOnesAreKickedOnce) {
  StreamParts parts;
  bool kick = true;
  EXPECT_TRUE(parts.Push("a", false, &kick));
  EXPECT_FALSE(kick);  // the head's write starts the first pump
  EXPECT_EQ(parts.Take().parts, Parts({"a"}));
  EXPECT_TRUE(parts.Take().parts.empty());  // nothing pending: the pump stops
  EXPECT_TRUE(parts.Push("b", false, &kick));
  EXPECT_TRUE(kick);
  EXPECT_TRUE(parts.Push("c", false, &kick));
  EXPECT_FALSE(kick);  // one pump at a time
  EXPECT_EQ(parts.Take().parts, Parts({"b", "c"}));
}

TEST(StreamPartsTest, ANewerReplaceablePartReplacesTheWaitingOneAfterThePartsBetween) {
  StreamParts parts;
  bool kick = false;
  parts.Push("supplier 1", false, &kick);
  parts.Push("results 1", true, &kick);
  parts.Push("supplier 2", false, &kick);
  parts.Push("results 2", true, &kick);
  EXPECT_EQ(parts.pending_bytes(), std::string("supplier 1supplier 2results 2").size());
  EXPECT_EQ(parts.Take().parts, Parts({"supplier 1", "supplier 2", "results 2"}));
}

TEST(StreamPartsTest, APartTakenIsNeverReplaced) {
  StreamParts parts;
  bool kick = false;
  parts.Push("results 1", true, &kick);
  EXPECT_EQ(parts.Take().parts, Parts({"results 1"}));  // on its way
  parts.Push("results 2", true, &kick);
  parts.Push("results 3", true, &kick);
  EXPECT_EQ(parts.Take().parts, Parts({"results 3"}));
}

TEST(StreamPartsTest, PendingBytesAreTheNonReplaceablePartsAndOneReplaceable) {
  StreamParts parts;
  bool kick = false;
  for (int i = 0; i < 1000; ++i) parts.Push(std::string(1000, 'r'), true, &kick);
  parts.Push("end", false, &kick);
  EXPECT_EQ(parts.pending_bytes(), 1003u);
}

TEST(StreamPartsTest, EndFollowsThePartsAndItsWorkIsHandedOver) {
  StreamParts parts;
  bool kick = false;
  parts.Push("a", false, &kick);
  Delivery seen = Delivery::kDropped;
  bool ran = false;
  EXPECT_TRUE(parts.End(
      [&](Delivery d) {
        ran = true;
        seen = d;
      },
      &kick));
  EXPECT_FALSE(parts.Push("late", false, &kick));
  StreamParts::Taken taken = parts.Take();
  EXPECT_EQ(taken.parts, Parts({"a"}));
  EXPECT_TRUE(taken.end);
  EXPECT_FALSE(ran);
  parts.TakeAfterSent().Run();
  EXPECT_TRUE(ran);
  EXPECT_EQ(seen, Delivery::kSent);
}

TEST(StreamPartsTest, GoneDropsThePartsAndTheEndsWork) {
  StreamParts parts;
  bool kick = false;
  parts.Push("a", false, &kick);
  Delivery seen = Delivery::kSent;
  parts.End([&](Delivery d) { seen = d; }, &kick);
  parts.MarkGone().Drop();
  EXPECT_EQ(seen, Delivery::kDropped);
  EXPECT_TRUE(parts.gone());
  EXPECT_EQ(parts.pending_bytes(), 0u);
  EXPECT_TRUE(parts.Take().parts.empty());
  EXPECT_FALSE(parts.Push("b", false, &kick));
  bool dropped = false;
  EXPECT_FALSE(parts.End([&](Delivery d) { dropped = d == Delivery::kDropped; }, &kick));
  EXPECT_TRUE(dropped);
}

}  // namespace
}  // namespace fareflow::net
