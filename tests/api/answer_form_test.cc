#include "api/answer_form.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(PreferredAnswerFormTest, TheCompactProfileMustWeighMoreThanPlainJson) {
  const AnswerForm kFull = AnswerForm::kFull;
  const AnswerForm kCompact = AnswerForm::kCompact;
  EXPECT_EQ(PreferredAnswerForm(""), kFull);
  EXPECT_EQ(PreferredAnswerForm("*/*"), kFull);
  EXPECT_EQ(PreferredAnswerForm("application/json"), kFull);
  EXPECT_EQ(PreferredAnswerForm("text/event-stream"), kFull);
  EXPECT_EQ(PreferredAnswerForm("text/html"), kFull);  // neither: the default, never a 406
  EXPECT_EQ(PreferredAnswerForm(R"(application/json; profile="compact")"), kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(Application/Json;PROFILE=compact)"), kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="https://x.test/p compact")"),
            kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compact", application/json;q=0.9)"),
            kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compact";q=0.5, application/json)"),
            kFull);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compact";q=0.5, */*;q=0.1)"),
            kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compact";q=0)"), kFull);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="COMPACT")"), kFull);  // exact
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compactish")"), kFull);
  EXPECT_EQ(PreferredAnswerForm(R"(text/event-stream, application/json;profile="compact")"),
            kCompact);
  // Garbage around the profile costs only its own range.
  EXPECT_EQ(PreferredAnswerForm(R"(;;;, application/json;profile="compact", x/y;q=9)"), kCompact);
  EXPECT_EQ(PreferredAnswerForm(R"(application/json;profile="compact;q=0.5)"), kFull);
}

TEST(ChooseAnswerFormTest, TheRequestsOwnFieldWinsOverTheHeader) {
  const std::string_view compact = R"(application/json;profile="compact")";
  EXPECT_EQ(ChooseAnswerForm(AnswerForm::kFull, compact), AnswerForm::kFull);
  EXPECT_EQ(ChooseAnswerForm(AnswerForm::kCompact, "application/json"), AnswerForm::kCompact);
  EXPECT_EQ(ChooseAnswerForm(std::nullopt, compact), AnswerForm::kCompact);
  EXPECT_EQ(ChooseAnswerForm(std::nullopt, ""), AnswerForm::kFull);
  EXPECT_EQ(AnswerContentType(AnswerForm::kCompact), R"(application/json; profile="compact")");
  EXPECT_EQ(AnswerContentType(AnswerForm::kFull), "application/json");
}

}  // namespace
}  // namespace fareflow
