#pragma once
// The private copy of the profiles file that `edit` hands to the editor, as visudo and
// crontab -e do: a 0700 folder beside the file (tokens never leave the private folder) with a
// 0600 profiles.yaml in it, removed when the copy goes.
#include <filesystem>
#include <string>

namespace tdb {

class EditCopy {
 public:
  // Writes `text` to a new private copy for the profiles file `profiles_file`. Throws Failure.
  EditCopy(const std::filesystem::path& profiles_file, const std::string& text);
  ~EditCopy();
  EditCopy(const EditCopy&) = delete;
  EditCopy& operator=(const EditCopy&) = delete;

  const std::filesystem::path& path() const { return file_; }
  // What the editor left there. Throws Failure when it cannot be read.
  std::string read() const;

 private:
  std::filesystem::path folder_;
  std::filesystem::path file_;
};

}  // namespace tdb
