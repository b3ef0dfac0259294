// Reading and writing CT images: NIfTI, MetaImage and VTK image data,
// through VTK's readers with their errors collected and what they read
// checked.
#include "ct_image.h"
#include "nifti_header.h"
#include "vtk_errors.h"

#include <deal.II/base/exceptions.h>

#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkMatrix3x3.h>
#include <vtkMatrix4x4.h>
#include <vtkMetaImageReader.h>
#include <vtkMetaImageWriter.h>
#include <vtkNIFTIImageReader.h>
#include <vtkNIFTIImageWriter.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLImageDataWriter.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      bool ends_with(const std::string &text, const std::string &suffix)
      {
        return text.size() >= suffix.size() &&
               text.compare(text.size() - suffix.size(),
                            suffix.size(),
                            suffix) == 0;
      }

      // The rotation a MetaImage header gives its voxel axes
      // (TransformMatrix, or its synonyms Rotation and Orientation), if it
      // is not the identity; "" otherwise. VTK's reader ignores it.
      std::string metaimage_rotation(const std::string &path)
      {
        std::ifstream file(path, std::ios::binary);
        std::string   line;
        for (unsigned int n = 0; n < 200 && std::getline(file, line); ++n)
          {
            const std::size_t equals = line.find('=');
            if (equals == std::string::npos)
              continue;
            std::string key = line.substr(0, equals);
            key.erase(key.find_last_not_of(" \t") + 1);
            if (key == "ElementDataFile")
              break;
            if (key != "TransformMatrix" && key != "Rotation" &&
                key != "Orientation")
              continue;
            std::istringstream values(line.substr(equals + 1));
            double             value;
            unsigned int       i        = 0;
            bool               identity = true;
            for (; values >> value; ++i)
              identity = identity && i < 9 &&
                         std::abs(value - (i % 4 == 0 ? 1. : 0.)) < 1e-6;
            if (!identity || i != 9)
              return key + " =" + line.substr(equals + 1);
          }
        return "";
      }

      const char *known_formats =
        "NIfTI (.nii, .nii.gz), MetaImage (.mha, .mhd) or VTK image data "
        "(.vti)";
    } // namespace



    Image Image::read(const std::string &path)
    {
      AssertThrow(std::filesystem::is_regular_file(path),
                  ExcMessage("The image <" + path +
                             "> does not exist or is not a file."));
      vtkImageData                 *data = nullptr;
      vtkNew<vtkNIFTIImageReader>   nifti;
      vtkNew<vtkMetaImageReader>    meta;
      vtkNew<vtkXMLImageDataReader> xml;
      vtkNew<VtkErrorCollector>     errors;
      bool                          readable = false;
      if (ends_with(path, ".nii") || ends_with(path, ".nii.gz"))
        {
          readable = nifti->CanReadFile(path.c_str()) != 0;
          if (readable)
            {
              check_nifti_header(path);
              errors->watch(nifti);
              nifti->SetFileName(path.c_str());
              nifti->Update();
              data = nifti->GetOutput();
            }
        }
      else if (ends_with(path, ".mha") || ends_with(path, ".mhd"))
        {
          readable = meta->CanReadFile(path.c_str()) != 0;
          if (readable)
            {
              const std::string rotation = metaimage_rotation(path);
              AssertThrow(rotation.empty(),
                          ExcMessage("The image <" + path +
                                     "> rotates or flips its voxel axes (" +
                                     rotation +
                                     "); cementflow takes them as the body's "
                                     "axes, so resample the image to an "
                                     "axis-aligned grid."));
              errors->watch(meta);
              meta->SetFileName(path.c_str());
              meta->Update();
              data = meta->GetOutput();
            }
        }
      else if (ends_with(path, ".vti"))
        {
          readable = xml->CanReadFile(path.c_str()) != 0;
          if (readable)
            {
              errors->watch(xml);
              xml->SetFileName(path.c_str());
              xml->Update();
              data = xml->GetOutput();
            }
        }
      else
        AssertThrow(false,
                    ExcMessage("The image <" + path +
                               "> has an unknown extension; cementflow reads " +
                               known_formats + "."));

      const auto corrupt = [&path](const std::string &what) {
        return ExcMessage("The image <" + path +
                          "> could not be read: " + what + ".");
      };
      AssertThrow(readable && data != nullptr,
                  corrupt("its header is not a valid " +
                          std::string(known_formats)));
      // A truncated file still gives a volume of the full size, filled
      // with whatever followed the data: only the reader's errors tell.
      AssertThrow(errors->messages.empty(), corrupt(errors->messages));
      int dimensions[3];
      data->GetDimensions(dimensions);
      vtkDataArray *scalars = data->GetPointData()->GetScalars();
      AssertThrow(scalars != nullptr && dimensions[0] > 1 &&
                    dimensions[1] > 1 && dimensions[2] > 1,
                  corrupt("it holds no three-dimensional scalar volume "
                          "(truncated, or a 2D image)"));
      const vtkIdType n_voxels =
        static_cast<vtkIdType>(dimensions[0]) * dimensions[1] * dimensions[2];
      AssertThrow(scalars->GetNumberOfTuples() == n_voxels,
                  corrupt("it holds " +
                          std::to_string(scalars->GetNumberOfTuples()) +
                          " values for " + std::to_string(n_voxels) +
                          " voxels (truncated)"));

      Image image;
      image.source = path;
      double spacing[3], origin[3];
      data->GetSpacing(spacing);
      data->GetOrigin(origin);
      // NIfTI keeps the position of the first voxel in its qform (or sform)
      // matrix; a rotated or flipped orientation is not supported.
      if (data == nifti->GetOutput())
        {
          vtkMatrix4x4 *form = nifti->GetQFormMatrix() != nullptr ?
                                 nifti->GetQFormMatrix() :
                                 nifti->GetSFormMatrix();
          if (form != nullptr)
            {
              for (unsigned int i = 0; i < 3; ++i)
                for (unsigned int j = 0; j < 3; ++j)
                  AssertThrow(std::abs(form->GetElement(i, j) - (i == j)) <
                                1e-6,
                              corrupt("its orientation matrix rotates or "
                                      "flips the voxel axes; cementflow takes "
                                      "them as the body's axes, so resample "
                                      "the image to an axis-aligned grid"));
              for (unsigned int i = 0; i < 3; ++i)
                origin[i] += form->GetElement(i, 3);
            }
        }
      // VTK image data carries its own direction matrix.
      if (const vtkMatrix3x3 *direction = data->GetDirectionMatrix();
          data == xml->GetOutput() && direction != nullptr)
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = 0; j < 3; ++j)
            AssertThrow(std::abs(direction->GetElement(i, j) - (i == j)) < 1e-6,
                        corrupt("its Direction rotates or flips the voxel "
                                "axes; cementflow takes them as the body's "
                                "axes, so resample the image to an "
                                "axis-aligned grid"));
      for (unsigned int d = 0; d < 3; ++d)
        {
          AssertThrow(
            spacing[d] > 0 && std::isfinite(spacing[d]) &&
              std::isfinite(origin[d]),
            corrupt("its voxel spacing is not a positive number, or its origin "
                    "not finite"));
          image.size[d]    = dimensions[d];
          image.spacing[d] = spacing[d] * 1e-3;
          image.origin[d]  = origin[d] * 1e-3;
        }
      image.values.resize(n_voxels);
      for (vtkIdType i = 0; i < n_voxels; ++i)
        {
          image.values[i] = scalars->GetTuple1(i);
          AssertThrow(std::isfinite(image.values[i]),
                      corrupt("voxel " + std::to_string(i) +
                              " holds NaN or infinity"));
        }
      return image;
    }



    void Image::write(const std::string &path) const
    {
      vtkNew<vtkImageData> data;
      data->SetDimensions(size[0], size[1], size[2]);
      data->SetSpacing(spacing[0] * 1e3, spacing[1] * 1e3, spacing[2] * 1e3);
      data->SetOrigin(origin[0] * 1e3, origin[1] * 1e3, origin[2] * 1e3);
      data->AllocateScalars(VTK_FLOAT, 1);
      vtkDataArray *scalars = data->GetPointData()->GetScalars();
      for (std::size_t i = 0; i < values.size(); ++i)
        scalars->SetTuple1(i, values[i]);

      int written = 0;
      if (ends_with(path, ".nii") || ends_with(path, ".nii.gz"))
        {
          // The position goes into the qform matrix (see read()).
          vtkNew<vtkMatrix4x4> form;
          for (unsigned int i = 0; i < 3; ++i)
            form->SetElement(i, 3, origin[i] * 1e3);
          data->SetOrigin(0, 0, 0);
          vtkNew<vtkNIFTIImageWriter> writer;
          writer->SetQFormMatrix(form);
          writer->SetInputData(data);
          writer->SetFileName(path.c_str());
          writer->Write();
          written = writer->GetErrorCode() == 0;
        }
      else if (ends_with(path, ".mha") || ends_with(path, ".mhd"))
        {
          vtkNew<vtkMetaImageWriter> writer;
          writer->SetInputData(data);
          writer->SetFileName(path.c_str());
          writer->SetCompression(true);
          writer->Write();
          written = writer->GetErrorCode() == 0;
        }
      else if (ends_with(path, ".vti"))
        {
          vtkNew<vtkXMLImageDataWriter> writer;
          writer->SetInputData(data);
          writer->SetFileName(path.c_str());
          written = writer->Write();
        }
      else
        AssertThrow(false,
                    ExcMessage("Cannot write the image <" + path +
                               ">: the extension names none of " +
                               known_formats + "."));
      AssertThrow(written != 0,
                  ExcMessage("Could not write the image <" + path + ">."));
    }
  } // namespace Meshes
} // namespace cementflow
