#include "run_program.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>

extern char **environ;

namespace cementflow
{
  namespace Postprocess
  {
    namespace
    {
      // The argv-style array of pointers into @p texts, null-terminated.
      std::vector<char *> c_strings(const std::vector<std::string> &texts)
      {
        std::vector<char *> pointers;
        for (const std::string &text : texts)
          pointers.push_back(const_cast<char *>(text.c_str()));
        pointers.push_back(nullptr);
        return pointers;
      }
    } // namespace



    int run_program(const std::vector<std::string> &arguments,
                    const std::string              &log,
                    const std::vector<std::string> *environment)
    {
      if (arguments.empty())
        return -1;
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
      posix_spawn_file_actions_addopen(
        &actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      posix_spawn_file_actions_adddup2(&actions, 1, 2);

      std::vector<char *> argv = c_strings(arguments);
      std::vector<char *> envp;
      if (environment != nullptr)
        envp = c_strings(*environment);
      pid_t     pid;
      const int failed =
        posix_spawn(&pid,
                    arguments[0].c_str(),
                    &actions,
                    nullptr,
                    argv.data(),
                    environment != nullptr ? envp.data() : environ);
      posix_spawn_file_actions_destroy(&actions);
      if (failed != 0)
        return -1;

      int status = 0;
      while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
          return -1;
      if (WIFEXITED(status))
        return WEXITSTATUS(status);
      return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    }
  } // namespace Postprocess
} // namespace cementflow
