#ifndef cementflow_meshes_vtk_errors_h
#define cementflow_meshes_vtk_errors_h

#include <vtkAlgorithm.h>
#include <vtkCommand.h>
#include <vtkExecutive.h>

#include <regex>
#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * Collects the errors and warnings a VTK reader and its pipeline
     * report, instead of printing them, so that the reader's caller turns
     * them into one message naming the file. A reader that found a
     * truncated file reports it only this way: its output is then
     * allocated in full and holds garbage.
     */
    class VtkErrorCollector : public vtkCommand
    {
    public:
      static VtkErrorCollector *New()
      {
        return new VtkErrorCollector;
      }

      /** Listens to @p reader and to its executive. */
      void watch(vtkAlgorithm *reader)
      {
        reader->AddObserver(vtkCommand::ErrorEvent, this);
        reader->AddObserver(vtkCommand::WarningEvent, this);
        reader->GetExecutive()->AddObserver(vtkCommand::ErrorEvent, this);
      }

      /**
       * The first message, the cause (later ones follow from it), without
       * VTK's source location and object addresses; "" if none came.
       */
      void Execute(vtkObject *, unsigned long, void *data) override
      {
        if (data == nullptr || !messages.empty())
          return;
        std::string text(static_cast<const char *>(data));
        text = std::regex_replace(text, std::regex(R"(^\w+: In [^\n]*\n)"), "");
        text =
          std::regex_replace(text, std::regex(R"( \(0x[0-9a-fA-F]+\))"), "");
        text     = std::regex_replace(text, std::regex(R"(\s+)"), " ");
        messages = text.substr(0, 500);
        while (!messages.empty() &&
               (messages.back() == ' ' || messages.back() == '.'))
          messages.pop_back();
      }

      std::string messages;
    };
  } // namespace Meshes
} // namespace cementflow

#endif
