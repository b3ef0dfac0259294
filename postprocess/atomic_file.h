#ifndef cementflow_postprocess_atomic_file_h
#define cementflow_postprocess_atomic_file_h

#include <functional>
#include <stdexcept>
#include <string>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * An output file could not be written (a full disk, a file-size limit,
     * a folder that is not writable); the message names the file. Earlier
     * outputs are complete: every file is written under a temporary name
     * and renamed once complete.
     */
    class OutputError : public std::runtime_error
    {
    public:
      using std::runtime_error::runtime_error;
    };



    /**
     * Writes @p content to @p path through a temporary file in the same
     * folder that is renamed over @p path once complete, so that a reader
     * never sees a half-written file. Throws naming the path on failure.
     */
    /** The exit code of a run stopped because an output failed. */
    constexpr int output_failed_exit_code = 5;

    /**
     * Stops the run because an output file could not be written. Alone, it
     * throws OutputError for main() to report. Among several ranks only
     * this one knows, and unwinding would hang in the next collective (a
     * timer, a barrier): it prints the message and aborts them all.
     */
    [[noreturn]] void fail_output(const std::string &message);

    /**
     * Registers @p action under @p owner, to run before fail_output() aborts
     * (the run log renames itself into place); empty @p action removes it.
     */
    void before_output_abort(const void *owner, std::function<void()> action);

    /** Prints why the output failed, for the user, on std::cerr. */
    void print_output_failure(const std::string &message);



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
