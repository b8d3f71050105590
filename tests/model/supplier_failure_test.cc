#include "model/supplier_failure.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(TransportFailureTest, ATlsFailureIsTlsErrorWithItsReasonAndRefusedIsStillIoError) {
  const SupplierFailure tls =
      TransportFailure(Error{ErrorCode::kTls,
                             "TLS: certificate verify failed: certificate has expired "
                             "(X509_V_ERR_CERT_HAS_EXPIRED)",
                             {}});
  EXPECT_EQ(tls.status, SupplierStatus::kTlsError);
  EXPECT_EQ(SupplierStatusName(tls.status), "tls_error");
  EXPECT_EQ(tls.error,
            "TLS: certificate verify failed: certificate has expired "
            "(X509_V_ERR_CERT_HAS_EXPIRED)");

  const SupplierFailure refused = TransportFailure(Error{
      ErrorCode::kUnavailable, "cannot connect to http://127.0.0.1:1: Connection refused", {}});
  EXPECT_EQ(refused.status, SupplierStatus::kIoError);
  EXPECT_EQ(TransportFailure(Error{ErrorCode::kIo, "reset", {}}).status, SupplierStatus::kIoError);
  EXPECT_EQ(TransportFailure(Error{ErrorCode::kTimeout, "late", {}}).status,
            SupplierStatus::kTimeout);
}

}  // namespace
}  // namespace fareflow
