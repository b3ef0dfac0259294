#ifndef cementflow_postprocess_atomic_file_h
#define cementflow_postprocess_atomic_file_h

#include <string>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Writes @p content to @p path through a temporary file in the same
     * folder that is renamed over @p path once complete, so that a reader
     * never sees a half-written file. Throws naming the path on failure.
     */
    void write_file_atomically(const std::string &path,
                               const std::string &content);

    /** Renames @p from to @p to, throwing with both names on failure. */
    void rename_file(const std::string &from, const std::string &to);

    /** The temporary name write_file_atomically() uses for @p path. */
    std::string temporary_name(const std::string &path);

    /** Creates @p directory and its parents if missing; throws on failure. */
    void create_directories(const std::string &directory);
  } // namespace Postprocess
} // namespace cementflow

#endif
