#ifndef FAREFLOW_LAMBDA_INVOCATION_H_
#define FAREFLOW_LAMBDA_INVOCATION_H_

#include <cstdint>
#include <string>

namespace fareflow::lambda {

// One event handed out by the Lambda Runtime API's GET .../invocation/next: its id, deadline and
// trace header, and the event itself. Plain values, owned.
struct Invocation {
  std::string request_id;    // Lambda-Runtime-Aws-Request-Id
  int64_t deadline_ms = 0;   // Lambda-Runtime-Deadline-Ms: Unix epoch milliseconds; 0 = unknown
  std::string trace_id;      // Lambda-Runtime-Trace-Id, for _X_AMZN_TRACE_ID
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string event;         // the payload, JSON as the caller sent it
};

// What the function reports instead of an answer (POST .../error, .../init/error).
struct FunctionError {
  std::string type;  // errorType and Lambda-Runtime-Function-Error-Type: "Runtime.InvalidEvent"
  std::string message;
};

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_INVOCATION_H_
