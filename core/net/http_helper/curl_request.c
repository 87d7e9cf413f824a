/* One HTTP request per call through libcurl, nothing else. Policy (redirects, which host may see
 * the token, error wording) lives in the program, core/http.cpp. */
#define _GNU_SOURCE
#include "curl_request.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct Buffer {
  char* data;
  size_t size;
  size_t limit;
  int overflow;
};

struct Headers {
  char* location;
  char* triply_api;
  char* content_type;
};

static char* copy_text(const char* text, size_t size) {
  char* copy = malloc(size + 1);
  if (copy) {
    memcpy(copy, text, size);
    copy[size] = '\0';
  }
  return copy;
}

static size_t on_body(char* data, size_t size, size_t count, void* user) {
  struct Buffer* buffer = user;
  size_t bytes = size * count;
  if (buffer->size + bytes > buffer->limit) {
    buffer->overflow = 1;
    return 0; /* makes curl stop with CURLE_WRITE_ERROR */
  }
  char* grown = realloc(buffer->data, buffer->size + bytes + 1);
  if (!grown) return 0;
  memcpy(grown + buffer->size, data, bytes);
  buffer->data = grown;
  buffer->size += bytes;
  buffer->data[buffer->size] = '\0';
  return bytes;
}

static void forget_headers(struct Headers* headers) {
  free(headers->location);
  free(headers->triply_api);
  free(headers->content_type);
  memset(headers, 0, sizeof *headers);
}

/* Keeps the value of NAME when LINE is "NAME: value\r\n" (case-insensitive name). */
static int take_header(const char* line, size_t size, const char* name, char** slot) {
  size_t name_size = strlen(name);
  if (size <= name_size || line[name_size] != ':' || strncasecmp(line, name, name_size) != 0) return 0;
  const char* value = line + name_size + 1;
  const char* end = line + size;
  while (value < end && (*value == ' ' || *value == '\t')) ++value;
  while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t')) --end;
  free(*slot);
  *slot = copy_text(value, (size_t)(end - value));
  return 1;
}

static size_t on_header(char* line, size_t size, size_t count, void* user) {
  struct Headers* headers = user;
  size_t bytes = size * count;
  /* A new status line starts a new header block (after a proxy's CONNECT reply or a 1xx): only
   * the final response's headers count. */
  if (bytes >= 5 && strncmp(line, "HTTP/", 5) == 0) {
    forget_headers(headers);
    return bytes;
  }
  if (!take_header(line, bytes, "location", &headers->location) && !take_header(line, bytes, "x-triply-api", &headers->triply_api))
    take_header(line, bytes, "content-type", &headers->content_type);
  return bytes;
}

static int classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return TDB_HTTP_OK;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TDB_HTTP_RESOLVE;
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return TDB_HTTP_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
      return TDB_HTTP_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return TDB_HTTP_CERTIFICATE;
    case CURLE_SSL_CONNECT_ERROR:
      return TDB_HTTP_TLS;
    default:
      return TDB_HTTP_OTHER;
  }
}

const char* tdb_http_backend_version(void) { return curl_version(); }

int tdb_http_perform(const struct tdb_http_request* request, struct tdb_http_response* response) {
  static int initialised = 0;
  memset(response, 0, sizeof *response);
  if (!initialised) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return -1;
    initialised = 1;
  }
  CURL* curl = curl_easy_init();
  if (!curl) return -1;

  char error[CURL_ERROR_SIZE] = "";
  struct Buffer body = {NULL, 0, request->max_body_bytes, 0};
  struct Headers headers = {NULL, NULL, NULL};
  struct curl_slist* header_list = curl_slist_append(NULL, "Accept: application/json");
  if (request->body) header_list = curl_slist_append(header_list, "Content-Type: application/json");
  char* authorization = NULL;
  if (request->bearer_token) {
    size_t size = strlen("Authorization: Bearer ") + strlen(request->bearer_token) + 1;
    authorization = malloc(size);
    if (authorization) {
      strcpy(authorization, "Authorization: Bearer ");
      strcat(authorization, request->bearer_token);
      header_list = curl_slist_append(header_list, authorization);
    }
  }

  /* The request is not made unless libcurl takes every option that keeps the token safe: one
   * older than 7.85 refuses CURLOPT_PROTOCOLS_STR, and would otherwise speak any protocol. */
  const char* refused = NULL;
  if (curl_easy_setopt(curl, CURLOPT_URL, request->url) != CURLE_OK)
    refused = "CURLOPT_URL";
  else if (curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK)
    refused = "CURLOPT_PROTOCOLS_STR";
  else if (curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK)
    refused = "CURLOPT_FOLLOWLOCATION";
  else if (curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK)
    refused = "CURLOPT_SSL_VERIFYPEER";
  else if (curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK)
    refused = "CURLOPT_SSL_VERIFYHOST";
  else if (request->ca_file && curl_easy_setopt(curl, CURLOPT_CAINFO, request->ca_file) != CURLE_OK)
    refused = "CURLOPT_CAINFO";
  else if (curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->total_timeout_ms) != CURLE_OK)
    refused = "CURLOPT_TIMEOUT_MS";
  /* http:// goes only to this machine (the program refuses it elsewhere), and a proxy would read
   * its token in clear: no proxy for it, whatever http_proxy or ALL_PROXY say. https:// through a
   * proxy is a CONNECT tunnel, so the proxy sees only the host and port. */
  else if (strncasecmp(request->url, "http://", 7) == 0 && curl_easy_setopt(curl, CURLOPT_PROXY, "") != CURLE_OK)
    refused = "CURLOPT_PROXY";
  else if (curl_easy_setopt(curl, CURLOPT_HTTPPROXYTUNNEL, 1L) != CURLE_OK)
    refused = "CURLOPT_HTTPPROXYTUNNEL";
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
  if (request->user_agent) curl_easy_setopt(curl, CURLOPT_USERAGENT, request->user_agent);
  if (request->method && strcmp(request->method, "GET") != 0) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
  if (request->body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_size);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->body);
  }
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headers);

  CURLcode code = CURLE_OK;
  if (!refused) code = curl_easy_perform(curl);
  if (refused) {
    response->failure = TDB_HTTP_OTHER;
    char text[256];
    snprintf(text, sizeof text, "libcurl %s refused %s, which every request needs (libcurl 7.85 or newer)",
             curl_version_info(CURLVERSION_NOW)->version, refused);
    response->error = copy_text(text, strlen(text));
  } else if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
    response->body = body.data ? body.data : copy_text("", 0);
    response->body_size = body.size;
    response->location = headers.location;
    response->triply_api = headers.triply_api;
    response->content_type = headers.content_type;
  } else {
    free(body.data);
    forget_headers(&headers);
    response->failure = classify(code);
    const char* text = error[0] ? error : curl_easy_strerror(code);
    if (body.overflow) {
      text = "the response is larger than the limit";
      response->failure = TDB_HTTP_OTHER;
    }
    response->error = copy_text(text, strlen(text));
  }

  curl_slist_free_all(header_list);
  if (authorization) {
    explicit_bzero(authorization, strlen(authorization)); /* no token left in freed memory */
    free(authorization);
  }
  curl_easy_cleanup(curl);
  return 0;
}

void tdb_http_free_response(struct tdb_http_response* response) {
  free(response->body);
  free(response->location);
  free(response->triply_api);
  free(response->content_type);
  free(response->error);
  memset(response, 0, sizeof *response);
}
