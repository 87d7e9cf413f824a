/* One HTTP request through libcurl, for the network helper triplydb-profile-http. The helper runs
 * it for the program, so that libcurl and its libraries load only for commands that talk to an
 * instance, never on `use` or a TAB. */
#ifndef TRIPLYDB_CURL_REQUEST_H
#define TRIPLYDB_CURL_REQUEST_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What went wrong below HTTP; an HTTP status of 400 or more is not a transport error. The
 * numbers are those of tdb::http::TransportFailure. */
enum tdb_http_failure {
  TDB_HTTP_OK = 0,
  TDB_HTTP_RESOLVE = 1,     /* host name did not resolve */
  TDB_HTTP_CONNECT = 2,     /* connection refused, unreachable, proxy failed */
  TDB_HTTP_TIMEOUT = 3,     /* connect or total timeout */
  TDB_HTTP_CERTIFICATE = 4, /* TLS peer certificate did not verify, or the CA file is unusable */
  TDB_HTTP_TLS = 5,         /* other TLS handshake failure */
  TDB_HTTP_OTHER = 6
};

/* One request, no redirects followed: the caller decides where a Location may take the token. */
struct tdb_http_request {
  const char* method; /* "GET", "POST", "PATCH" or "DELETE" */
  const char* url;
  const char* bearer_token; /* NULL: no Authorization header */
  const char* body;         /* NULL: none; else sent as application/json */
  size_t body_size;
  const char* ca_file; /* NULL: the system's CA store */
  const char* user_agent;
  long connect_timeout_ms;
  long total_timeout_ms;
  size_t max_body_bytes; /* larger bodies fail with TDB_HTTP_OTHER */
};

/* Owned by the caller; release with tdb_http_free_response. */
struct tdb_http_response {
  long status; /* 0 when failure != TDB_HTTP_OK */
  char* body;  /* NUL-terminated, body_size bytes before the NUL */
  size_t body_size;
  char* location;     /* Location header, or NULL */
  char* triply_api;   /* x-triply-api header, or NULL */
  char* content_type; /* Content-Type header, or NULL */
  int failure;        /* enum tdb_http_failure */
  char* error;        /* transport error text, or NULL */
};

/* libcurl's version line, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 ...". */
const char* tdb_http_backend_version(void);

/* Returns 0 when it filled *response (even for transport failures), -1 when out of memory. */
int tdb_http_perform(const struct tdb_http_request* request, struct tdb_http_response* response);

void tdb_http_free_response(struct tdb_http_response* response);

#ifdef __cplusplus
}
#endif

#endif
