/* Preloaded into the network helper, makes libcurl behave like a release older than 7.85: every
 * option is passed on except CURLOPT_PROTOCOLS_STR, which is refused as unknown. */
#define _GNU_SOURCE
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdarg.h>

CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  va_list args;
  va_start(args, option);
  void* value = va_arg(args, void*); /* longs, pointers and curl_off_t travel alike on x86-64 */
  va_end(args);
  if (option == CURLOPT_PROTOCOLS_STR) return CURLE_UNKNOWN_OPTION;
  CURLcode (*real)(CURL*, CURLoption, ...) = (CURLcode(*)(CURL*, CURLoption, ...))dlsym(RTLD_NEXT, "curl_easy_setopt");
  return real(curl, option, value);
}
