#ifndef cementflow_postprocess_run_log_h
#define cementflow_postprocess_run_log_h

#include <fstream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * The screen output of rank 0, copied into <output>/log.txt. The log is
     * written as log.txt.tmp while the run lasts and renamed to log.txt when
     * the run ends (successfully or not, also when a failed output aborts
     * the ranks), so a killed run leaves its full log under the temporary
     * name.
     */
    class RunLog : public std::ostream
    {
    public:
      /** @p path empty: only the screen; @p to_screen false: only the file. */
      explicit RunLog(const std::string &path, const bool to_screen = true);
      ~RunLog() override;

      /** Writes a line into the log file only, not on the screen. */
      void note(const std::string &line);

      /** Renames the log into place; called by the destructor too. */
      void close();

    private:
      class TeeBuffer : public std::streambuf
      {
      public:
        TeeBuffer(std::streambuf *first, std::streambuf *second);

      protected:
        int overflow(int c) override;
        int sync() override;

      private:
        std::streambuf *first;
        std::streambuf *second;
      };

      std::string                path;
      std::ofstream              file;
      std::unique_ptr<TeeBuffer> buffer;
    };
  } // namespace Postprocess
} // namespace cementflow

#endif
