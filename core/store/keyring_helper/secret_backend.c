/* The libsecret calls of the keyring helper, in C: find, read, store and delete one item of the
 * Secret Service, and say precisely why not (no bus, no service, locked, prompt dismissed). */
#include "secret_backend.h"

#include <libsecret/secret.h>
#include <string.h>

static const SecretSchema profile_schema = {
    "org.triplydb.Profile",
    SECRET_SCHEMA_DONT_MATCH_NAME,
    {{"service", SECRET_SCHEMA_ATTRIBUTE_STRING}, {"account", SECRET_SCHEMA_ATTRIBUTE_STRING}, {NULL, 0}},
    0,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL};

static int fail(tdb_keyring_result* result, int outcome, const char* detail) {
  result->outcome = outcome;
  result->detail = g_strdup(detail ? detail : "");
  return outcome;
}

static int fail_error(tdb_keyring_result* result, int outcome, GError* error) {
  fail(result, outcome, error ? error->message : "");
  g_clear_error(&error);
  return outcome;
}

static GHashTable* attributes_of(const tdb_keyring_request* request) {
  GHashTable* attributes = g_hash_table_new(g_str_hash, g_str_equal);
  g_hash_table_insert(attributes, (gpointer) "service", (gpointer)request->service);
  g_hash_table_insert(attributes, (gpointer) "account", (gpointer)request->account);
  return attributes;
}

/* The session bus and the Secret Service on it, or why not. */
static SecretService* connect_service(tdb_keyring_result* result) {
  GError* error = NULL;
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &error);
  if (!bus) {
    fail_error(result, TDB_KEYRING_NO_BUS, error);
    return NULL;
  }
  g_object_unref(bus);
  SecretService* service = secret_service_get_sync(SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  if (!service) fail_error(result, TDB_KEYRING_NO_SERVICE, error);
  return service;
}

/* Unlocks `objects` (items or a collection) when they are locked: with the service's prompt when
 * one may be shown, else not at all. 0 when unlocked. */
static int unlock(SecretService* service, GList* objects, int locked, int may_prompt, tdb_keyring_result* result) {
  if (!locked) return 0;
  if (!may_prompt) return fail(result, TDB_KEYRING_LOCKED, "");
  GError* error = NULL;
  GList* unlocked = NULL;
  gint count = secret_service_unlock_sync(service, objects, NULL, &unlocked, &error);
  g_list_free_full(unlocked, g_object_unref);
  if (error) return fail_error(result, TDB_KEYRING_LOCKED, error);
  if (count == 0) return fail(result, TDB_KEYRING_DISMISSED, "");
  return 0;
}

static GList* find_items(SecretService* service, const tdb_keyring_request* request, tdb_keyring_result* result) {
  GError* error = NULL;
  GHashTable* attributes = attributes_of(request);
  GList* items = secret_service_search_sync(service, &profile_schema, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_hash_table_unref(attributes);
  if (error) fail_error(result, TDB_KEYRING_FAILED, error);
  return items;
}

static int any_locked(GList* items) {
  for (GList* at = items; at; at = at->next)
    if (secret_item_get_locked(SECRET_ITEM(at->data))) return 1;
  return 0;
}

static int do_get(SecretService* service, const tdb_keyring_request* request, tdb_keyring_result* result) {
  GList* items = find_items(service, request, result);
  if (result->outcome != TDB_KEYRING_OK) return result->outcome;
  if (!items) return fail(result, TDB_KEYRING_NOT_FOUND, "");
  if (unlock(service, items, any_locked(items), request->may_prompt, result) == 0) {
    SecretItem* item = SECRET_ITEM(items->data);
    GError* error = NULL;
    if (!secret_item_load_secret_sync(item, NULL, &error)) {
      fail_error(result, TDB_KEYRING_FAILED, error);
    } else {
      SecretValue* value = secret_item_get_secret(item);
      gsize size = 0;
      const gchar* bytes = value ? secret_value_get(value, &size) : NULL;
      if (!bytes) {
        fail(result, TDB_KEYRING_FAILED, "the item holds no secret");
      } else {
        result->secret = g_malloc(size + 1);
        memcpy(result->secret, bytes, size);
        result->secret[size] = '\0';
        result->secret_size = size;
      }
      if (value) secret_value_unref(value);
    }
  }
  g_list_free_full(items, g_object_unref);
  return result->outcome;
}

static int do_store(SecretService* service, const tdb_keyring_request* request, tdb_keyring_result* result) {
  GError* error = NULL;
  SecretCollection* collection = secret_collection_for_alias_sync(service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE, NULL, &error);
  if (error) return fail_error(result, TDB_KEYRING_FAILED, error);
  if (!collection) return fail(result, TDB_KEYRING_NO_COLLECTION, "");
  GList* objects = g_list_append(NULL, collection);
  if (unlock(service, objects, secret_collection_get_locked(collection), request->may_prompt, result) == 0) {
    GHashTable* attributes = attributes_of(request);
    SecretValue* value = secret_value_new(request->secret, (gssize)request->secret_size, "text/plain");
    SecretItem* item =
        secret_item_create_sync(collection, &profile_schema, attributes, request->label, value, SECRET_ITEM_CREATE_REPLACE, NULL, &error);
    secret_value_unref(value);
    g_hash_table_unref(attributes);
    if (item) g_object_unref(item);
    if (error) fail_error(result, TDB_KEYRING_FAILED, error);
  }
  g_list_free(objects);
  g_object_unref(collection);
  return result->outcome;
}

static int do_delete(SecretService* service, const tdb_keyring_request* request, tdb_keyring_result* result) {
  GList* items = find_items(service, request, result);
  if (result->outcome != TDB_KEYRING_OK) return result->outcome;
  if (!items) return fail(result, TDB_KEYRING_NOT_FOUND, "");
  if (unlock(service, items, any_locked(items), request->may_prompt, result) == 0) {
    for (GList* at = items; at && result->outcome == TDB_KEYRING_OK; at = at->next) {
      GError* error = NULL;
      if (!secret_item_delete_sync(SECRET_ITEM(at->data), NULL, &error)) fail_error(result, TDB_KEYRING_FAILED, error);
    }
  }
  g_list_free_full(items, g_object_unref);
  return result->outcome;
}

int tdb_keyring_perform(const tdb_keyring_request* request, tdb_keyring_result* result) {
  memset(result, 0, sizeof *result);
  SecretService* service = connect_service(result);
  if (!service) return result->outcome;
  if (strcmp(request->operation, "get") == 0)
    do_get(service, request, result);
  else if (strcmp(request->operation, "store") == 0)
    do_store(service, request, result);
  else
    do_delete(service, request, result);
  g_object_unref(service);
  return result->outcome;
}

void tdb_keyring_free_result(tdb_keyring_result* result) {
  if (result->secret) {
    explicit_bzero(result->secret, result->secret_size);
    g_free(result->secret);
  }
  g_free(result->detail);
  memset(result, 0, sizeof *result);
}
