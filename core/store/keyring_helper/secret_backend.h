/* The keyring helper's libsecret part, with a C interface so that GLib stays out of C++. */
#ifndef TDB_SECRET_BACKEND_H
#define TDB_SECRET_BACKEND_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

/* The order of KeyringOutcome in core/store/keyring_wire.hpp. */
enum {
  TDB_KEYRING_OK,
  TDB_KEYRING_NOT_FOUND,
  TDB_KEYRING_NO_BUS,
  TDB_KEYRING_NO_SERVICE,
  TDB_KEYRING_NO_COLLECTION,
  TDB_KEYRING_LOCKED,
  TDB_KEYRING_DISMISSED,
  TDB_KEYRING_FAILED
};

typedef struct {
  const char* operation; /* "get", "store" or "delete" */
  const char* service;
  const char* account;
  const char* label;
  const char* secret; /* for store */
  size_t secret_size;
  int may_prompt; /* a locked item or collection may be unlocked with the service's prompt */
} tdb_keyring_request;

typedef struct {
  int outcome;
  char* secret; /* for get */
  size_t secret_size;
  char* detail; /* the service's words, when it gave any */
} tdb_keyring_result;

int tdb_keyring_perform(const tdb_keyring_request* request, tdb_keyring_result* result);
void tdb_keyring_free_result(tdb_keyring_result* result);

#ifdef __cplusplus
}
#endif
#endif
