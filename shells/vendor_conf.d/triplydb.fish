# Installed in fish's vendor_conf.d: every interactive fish loads the `triplydb` function of
# triplydb-profile, so fish users need no line in config.fish.
# To opt out (e.g. to use `init fish --cmd NAME` instead): set -U triplydb_no_vendor_init 1
if status is-interactive; and not set -q triplydb_no_vendor_init; and command -q triplydb-profile
    triplydb-profile init fish | source
end
