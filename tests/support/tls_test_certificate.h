#ifndef FAREFLOW_TESTS_SUPPORT_TLS_TEST_CERTIFICATE_H_
#define FAREFLOW_TESTS_SUPPORT_TLS_TEST_CERTIFICATE_H_

// A self-signed certificate made in memory at test time (OpenSSL's C API), so that no key
// material lives in the repository, and the TLS server context that presents it.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

namespace fareflow::testing_support {

struct TestCertificate {
  std::string certificate;  // PEM; also the client's trust anchor (it signs itself)
  std::string private_key;  // PEM
};

// A P-256 key and a self-signed certificate for the DNS name `host` (no IP address), valid from
// an hour ago for a day. Empty PEM strings when OpenSSL fails.
inline TestCertificate MakeSelfSignedCertificate(const std::string& host) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return {};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::string san_value = "DNS:" + host;
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, san_value.c_str());
  if (!san) return {};
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return {};

  auto drain = [](BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  TestCertificate out;
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(cert_bio.get(), cert.get());
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.certificate = drain(cert_bio.get());
  out.private_key = drain(key_bio.get());
  return out;
}

// Loads `pem` into `server` (a tls_server context); false when OpenSSL refuses it.
inline bool UseTestCertificate(boost::asio::ssl::context& server, const TestCertificate& pem) {
  boost::system::error_code ec;
  server.use_certificate_chain(boost::asio::buffer(pem.certificate), ec);
  if (ec) return false;
  server.use_private_key(boost::asio::buffer(pem.private_key), boost::asio::ssl::context::pem, ec);
  return !ec;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_TLS_TEST_CERTIFICATE_H_
