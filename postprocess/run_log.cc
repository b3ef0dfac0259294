#include "run_log.h"

#include "atomic_file.h"

#include <iostream>

namespace cementflow
{
  namespace Postprocess
  {
    RunLog::TeeBuffer::TeeBuffer(std::streambuf *first, std::streambuf *second)
      : first(first)
      , second(second)
    {}



    int RunLog::TeeBuffer::overflow(int c)
    {
      if (c == EOF)
        return !EOF;
      const bool first_ok =
        first == nullptr || first->sputc(static_cast<char>(c)) != EOF;
      const bool second_ok =
        second == nullptr || second->sputc(static_cast<char>(c)) != EOF;
      return (first_ok && second_ok) ? c : EOF;
    }



    int RunLog::TeeBuffer::sync()
    {
      const int first_result  = first == nullptr ? 0 : first->pubsync();
      const int second_result = second == nullptr ? 0 : second->pubsync();
      return (first_result == 0 && second_result == 0) ? 0 : -1;
    }



    RunLog::RunLog(const std::string &path, const bool to_screen)
      : std::ostream(nullptr)
      , path(path)
    {
      if (!path.empty())
        file.open(temporary_name(path));
      buffer =
        std::make_unique<TeeBuffer>(to_screen ? std::cout.rdbuf() : nullptr,
                                    file.is_open() ? file.rdbuf() : nullptr);
      rdbuf(buffer.get());
      // A run stopped by a failed output keeps its log under the final name.
      if (file.is_open())
        before_output_abort(this, [this]() { close(); });
    }



    RunLog::~RunLog()
    {
      before_output_abort(this, {});
      try
        {
          close();
        }
      catch (...)
        {}
    }



    void RunLog::note(const std::string &line)
    {
      flush();
      if (file.is_open())
        file << line << std::endl;
    }



    void RunLog::close()
    {
      flush();
      if (file.is_open())
        {
          file.close();
          rename_file(temporary_name(path), path);
        }
    }
  } // namespace Postprocess
} // namespace cementflow
