#include "vtk_file.h"

#include "atomic_file.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkExecutive.h>
#include <vtkNew.h>
#include <vtkXMLWriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cementflow
{
  namespace Postprocess
  {
    namespace
    {
      // Keeps VTK's first error message instead of printing it.
      void keep_first_message(vtkObject *,
                              unsigned long,
                              void *client_data,
                              void *call_data)
      {
        std::string &message = *static_cast<std::string *>(client_data);
        if (message.empty() && call_data != nullptr)
          message = static_cast<const char *>(call_data);
      }
    } // namespace



    void write_vtk_file(vtkXMLWriter *writer, const std::string &path)
    {
      const std::string          temporary = temporary_name(path);
      std::string                vtk_message;
      vtkNew<vtkCallbackCommand> observer;
      observer->SetCallback(keep_first_message);
      observer->SetClientData(&vtk_message);
      writer->AddObserver(vtkCommand::ErrorEvent, observer);
      writer->GetExecutive()->AddObserver(vtkCommand::ErrorEvent, observer);
      writer->SetFileName(temporary.c_str());
      errno              = 0;
      const bool written = writer->Write() == 1;
      const int  error   = errno;
      writer->RemoveObserver(observer);
      writer->GetExecutive()->RemoveObserver(observer);
      if (!written || writer->GetErrorCode() != 0)
        {
          std::remove(temporary.c_str());
          fail_output(
            "Could not write the file <" + path + ">: " +
            (error != 0 ? std::string(std::strerror(error)) :
                          "VTK reported an error") +
            " (is the disk full, a file-size limit reached, or the folder "
            "not writable?)");
        }
      rename_file(temporary, path);
    }
  } // namespace Postprocess
} // namespace cementflow
