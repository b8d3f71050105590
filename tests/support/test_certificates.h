#ifndef FAREFLOW_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define FAREFLOW_TESTS_SUPPORT_TEST_CERTIFICATES_H_

// Certificates for TLS tests, made in memory at test time with OpenSSL's C API, so that no key
// material lives in the repository: a self-signed certificate, a test CA, and certificates the
// CA issues with the names and validity a test needs (a wrong name, expired, not yet valid).

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <memory>
#include <string>

namespace fareflow::testing_support {

// A certificate and its private key, both PEM.
struct PemPair {
  std::string certificate;
  std::string private_key;
};

// What to put in a certificate. Times are seconds from now.
struct CertificateSpec {
  std::string common_name = "localhost";
  std::string subject_alt_name = "DNS:localhost";  // empty: none
  long not_before = -3600;
  long not_after = 24 * 3600;
  bool ca = false;  // basicConstraints CA:TRUE and keyUsage keyCertSign, cRLSign
};

namespace certificates_detail {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

inline std::string Drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

inline bool AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (!extension) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

}  // namespace certificates_detail

// A P-256 key and a certificate for `spec`, signed by `issuer` (a CA made here) or, when it is
// null, self-signed. Empty strings when OpenSSL fails.
inline PemPair MakeCertificate(const CertificateSpec& spec, const PemPair* issuer = nullptr) {
  namespace d = certificates_detail;
  d::Key key(EVP_EC_gen("P-256"));
  d::Cert cert(X509_new());
  if (!key || !cert) return {};
  d::Key issuer_key;
  d::Cert issuer_cert;
  if (issuer) {
    d::Bio key_in(
        BIO_new_mem_buf(issuer->private_key.data(), static_cast<int>(issuer->private_key.size())));
    d::Bio cert_in(
        BIO_new_mem_buf(issuer->certificate.data(), static_cast<int>(issuer->certificate.size())));
    issuer_key.reset(PEM_read_bio_PrivateKey(key_in.get(), nullptr, nullptr, nullptr));
    issuer_cert.reset(PEM_read_bio_X509(cert_in.get(), nullptr, nullptr, nullptr));
    if (!issuer_key || !issuer_cert) return {};
  }
  static std::atomic<long> serial{1};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.not_before);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.not_after);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509* signer = issuer ? issuer_cert.get() : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (spec.ca) {
    if (!d::AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") ||
        !d::AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign")) {
      return {};
    }
  }
  if (!spec.subject_alt_name.empty() &&
      !d::AddExtension(cert.get(), signer, NID_subject_alt_name, spec.subject_alt_name)) {
    return {};
  }
  if (X509_sign(cert.get(), issuer ? issuer_key.get() : key.get(), EVP_sha256()) == 0) return {};

  d::Bio cert_out(BIO_new(BIO_s_mem()));
  d::Bio key_out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(cert_out.get(), cert.get());
  PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return PemPair{d::Drain(cert_out.get()), d::Drain(key_out.get())};
}

// A test CA ("fareflow test CA"), valid from an hour ago for a day.
inline PemPair MakeTestCa() {
  return MakeCertificate({.common_name = "fareflow test CA", .subject_alt_name = "", .ca = true});
}

// Loads `pem` into `server` (a tls_server context), with `chain` (more PEM certificates, e.g. the
// issuing CA) after the certificate; false when OpenSSL refuses either.
inline bool UseCertificate(boost::asio::ssl::context& server, const PemPair& pem,
                           const std::string& chain = "") {
  boost::system::error_code ec;
  server.use_certificate_chain(boost::asio::buffer(pem.certificate + chain), ec);
  if (ec) return false;
  server.use_private_key(boost::asio::buffer(pem.private_key), boost::asio::ssl::context::pem, ec);
  return !ec;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_TEST_CERTIFICATES_H_
