#ifndef cementflow_meshes_ct_image_h
#define cementflow_meshes_ct_image_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/grid/tria.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * A 3D scalar image on a regular voxel grid, in metres: a CT volume or
     * a label image. Read through VTK from NIfTI (.nii, .nii.gz), MetaImage
     * (.mha, .mhd) or VTK image data (.vti).
     */
    class Image
    {
    public:
      /** Reads @p path; throws naming the file if it is missing, of an
       * unknown format, corrupt, or not three-dimensional. Coordinates in
       * the file are in millimetres. */
      static Image read(const std::string &path);

      /** Writes the image in the format its extension names. */
      void write(const std::string &path) const;

      /** The value of the voxel containing @p point; 0 outside. */
      double value(const dealii::Point<3> &point) const;

      /** Mean over the voxels whose centres lie in the axis-aligned box of
       * half width @p half_width around @p center (at least the voxel
       * containing it). */
      double mean_in_box(const dealii::Point<3> &center,
                         const double            half_width) const;

      /** Voxel index along each axis; false if outside the image. */
      bool voxel_of(const dealii::Point<3>      &point,
                    std::array<unsigned int, 3> &index) const;

      double &
      at(const unsigned int i, const unsigned int j, const unsigned int k);
      double at(const unsigned int i,
                const unsigned int j,
                const unsigned int k) const;

      std::array<unsigned int, 3> size{{0, 0, 0}};
      std::array<double, 3>       spacing{{1, 1, 1}}; // [m]
      std::array<double, 3>       origin{{0, 0, 0}};  // [m], centre of voxel 0
      std::vector<double>         values;
      std::string                 source; // the file it was read from
    };



    /**
     * Geometry from CT: the volume, an optional label image on the same
     * grid, and the calibration from intensity to bone volume fraction.
     * Lengths in metres.
     */
    struct CtParameters
    {
      std::string intensity_file;
      std::string label_file;
      double      body_threshold   = 50;
      double      marrow_intensity = 0;
      double      bone_intensity   = 1000;

      /** Porosity 1 - BV/TV with BV/TV = (I - I_marrow) / (I_bone -
       * I_marrow), clipped to 0.05-0.99. */
      double porosity(const double intensity) const;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * Hexahedra of cell_size (a whole number of voxels along each axis)
     * where at least half the voxels belong to the body: label > 0 and
     * below 100 if a label image is given, else intensity above the
     * threshold. Cells get the majority label as material id (1 bone,
     * 2-99 regions that lesions pick by material id); a boundary face gets
     * the majority label >= 100 of the voxels just outside it as boundary
     * id (exit zones picked by boundary id), else 0.
     */
    void create_mesh_from_images(dealii::Triangulation<3> &triangulation,
                                 const Image              &intensity,
                                 const Image              *labels,
                                 const CtParameters       &parameters,
                                 const double              cell_size);

    /**
     * A synthetic CT phantom for tests and examples: an elliptic-cylinder
     * vertebral body (40 x 30 x 24 mm) of bone at BV/TV 0.1, a blastic
     * lesion (sphere of radius 6 mm, BV/TV 0.4) and a basivertebral channel
     * (radius 1 mm, BV/TV 0) from the centre to the posterior wall, at
     * intensity 1000 BV/TV. Labels: 0 outside, 1 bone, 2 lesion, 3
     * channel, 100 the foramen (outside voxels where the channel meets the
     * posterior wall).
     */
    std::pair<Image, Image> make_phantom(const double voxel_size);
  } // namespace Meshes
} // namespace cementflow

#endif
