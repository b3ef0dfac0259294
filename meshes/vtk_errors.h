#ifndef cementflow_meshes_vtk_errors_h
#define cementflow_meshes_vtk_errors_h

#include <vtkAlgorithm.h>
#include <vtkCommand.h>
#include <vtkExecutive.h>
#include <vtkLogger.h>
#include <vtkNew.h>
#include <vtkOutputWindow.h>

#include <regex>
#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * VTK's output window, replaced by one that prints nothing. Helpers
     * inside a reader (the XML parser, the zlib decompressor) report
     * their errors there, not to the reader's observers; the reader then
     * fails with an error of its own, which the collector below gets.
     */
    class SilentOutputWindow : public vtkOutputWindow
    {
    public:
      static SilentOutputWindow *New()
      {
        SilentOutputWindow *window = new SilentOutputWindow;
        window->InitializeObjectBase();
        return window;
      }

      void DisplayText(const char *) override
      {}
    };

    /** Stops VTK from printing to the terminal, once per process. */
    inline void silence_vtk_output()
    {
      static bool silenced = false;
      if (silenced)
        return;
      silenced = true;
      vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_OFF);
      vtkNew<SilentOutputWindow> window;
      vtkOutputWindow::SetInstance(window);
    }



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
        silence_vtk_output();
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
