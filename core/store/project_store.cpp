#include "store/project_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "store/profile_store.hpp"
#include "store/safe_write.hpp"
#include "util/error.hpp"
#include "util/io.hpp"
#include "util/unique_fd.hpp"

namespace tdb {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_store_bytes = 4 * 1024 * 1024;

// The file's bytes; "" when it does not exist.
std::string read_small_file(const fs::path& path, std::size_t limit, bool missing_is_empty) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT && missing_is_empty) return {};
    throw Failure(system_error("cannot read", path));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw Failure(system_error("cannot read", path));
  if (!S_ISREG(info.st_mode)) throw Failure(path.string() + " is not a regular file");
  ReadResult read = read_all(fd.get(), limit);
  if (read.problem == ReadProblem::failed) throw Failure(system_error("cannot read", path));
  if (read.problem == ReadProblem::too_large)
    throw Failure(path.string() + " is larger than " + std::to_string(limit / 1024) + " KiB, which no such file needs");
  return std::move(read.bytes);
}

ProjectTrust parse_or_throw(const fs::path& path, const std::string& text) {
  auto trust = parse_project_trust(text);
  if (!trust)
    throw Failure(path.string() + ": " + trust.error().message + "; move it away and run 'triplydb allow' and 'triplydb bind' again");
  return std::move(trust).value();
}

}  // namespace

fs::path locate_project_store(const Environment& env) { return locate_profiles_file(env).parent_path() / "projects.json"; }

ProjectTrust ProjectStore::load() const { return parse_or_throw(file_, read_small_file(file_, max_store_bytes, true)); }

void ProjectStore::update(const std::function<void(ProjectTrust&)>& edit) const {
  fs::path target = resolve_links(file_);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  make_private_directories(dir, Ownership::heir_of(dir));
  target = dir / target.filename();
  const auto ownership = Ownership::for_writing(target);
  WriterLock lock(target, ownership);
  remove_abandoned_temporaries(target);
  ProjectTrust trust = parse_or_throw(file_, read_small_file(target, max_store_bytes, true));
  edit(trust);
  AtomicFile file(target, ownership);
  file.write(to_text(trust));
  file.commit();
}

std::string physical_folder(const fs::path& folder) {
  std::error_code ec;
  fs::path real = fs::canonical(folder, ec);
  if (ec) throw Failure("cannot resolve the folder " + folder.string() + ": " + ec.message());
  return real.string();
}

std::optional<FoundProjectFile> find_project_file(const std::string& folder) {
  for (fs::path here = folder;; here = here.parent_path()) {
    const fs::path candidate = here / project_file_name;
    struct stat info {};
    if (::lstat(candidate.c_str(), &info) == 0) {
      FoundProjectFile found{here.string(), candidate.string(), {}};
      try {
        found.text = read_project_file(candidate);
      } catch (const Failure& failure) {
        found.text.clear();
        found.problem = failure.what();
      }
      return found;
    }
    if (here == here.root_path() || here.empty()) return std::nullopt;
  }
}

std::string read_project_file(const fs::path& path) { return read_small_file(path, max_project_file_bytes, false); }

}  // namespace tdb
