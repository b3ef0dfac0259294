#include "ct_image.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/grid/tria_description.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <queue>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    bool Image::voxel_of(const Point<3>              &point,
                         std::array<unsigned int, 3> &index) const
    {
      for (unsigned int d = 0; d < 3; ++d)
        {
          const double x = std::round((point[d] - origin[d]) / spacing[d]);
          if (x < 0 || x >= size[d])
            return false;
          index[d] = static_cast<unsigned int>(x);
        }
      return true;
    }



    double &
    Image::at(const unsigned int i, const unsigned int j, const unsigned int k)
    {
      return values[i + size[0] * (j + std::size_t(size[1]) * k)];
    }



    double Image::at(const unsigned int i,
                     const unsigned int j,
                     const unsigned int k) const
    {
      return values[i + size[0] * (j + std::size_t(size[1]) * k)];
    }



    double Image::value(const Point<3> &point) const
    {
      std::array<unsigned int, 3> index;
      return voxel_of(point, index) ? at(index[0], index[1], index[2]) : 0.;
    }



    double Image::mean_in_box(const Point<3> &center,
                              const double    half_width) const
    {
      std::array<int, 3> low, high;
      for (unsigned int d = 0; d < 3; ++d)
        {
          const double c = (center[d] - origin[d]) / spacing[d];
          const double w = half_width / spacing[d];
          low[d]         = std::max(0, static_cast<int>(std::ceil(c - w)));
          high[d]        = std::min(static_cast<int>(size[d]) - 1,
                             static_cast<int>(std::floor(c + w)));
          // At least the voxel containing the centre.
          if (low[d] > high[d])
            low[d] = high[d] = std::clamp(static_cast<int>(std::round(c)),
                                          0,
                                          static_cast<int>(size[d]) - 1);
        }
      double       sum   = 0;
      unsigned int count = 0;
      for (int k = low[2]; k <= high[2]; ++k)
        for (int j = low[1]; j <= high[1]; ++j)
          for (int i = low[0]; i <= high[0]; ++i)
            {
              sum += at(i, j, k);
              ++count;
            }
      return sum / count;
    }



    double CtParameters::porosity(const double intensity) const
    {
      const double bone_fraction =
        std::clamp((intensity - marrow_intensity) /
                     (bone_intensity - marrow_intensity),
                   0.,
                   1.);
      return std::clamp(1 - bone_fraction, 0.05, 0.99);
    }



    void CtParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("CT image");
      {
        prm.declare_entry(
          "Intensity file",
          "",
          Patterns::FileName(),
          "The CT volume: NIfTI (.nii, .nii.gz), MetaImage (.mha, .mhd) or "
          "VTK image data (.vti), spacing and origin in mm, the image axes "
          "taken as the body's x (left), y (anterior), z (superior). "
          "Units: none.");
        prm.declare_entry(
          "Label file",
          "",
          Patterns::FileName(),
          "Optional label image on the same grid: 0 outside the body, 1 "
          "bone, 2-99 regions inside (lesions pick them with Shape = "
          "material id), 100-254 exits outside the surface (zones pick them "
          "with Surface = boundary id). Empty: the body is where the "
          "intensity exceeds the Body threshold. Units: none.");
        prm.declare_entry(
          "Body threshold",
          "50",
          Patterns::Double(),
          "Without a label file, voxels above this intensity are the body "
          "(low-density features inside it then fall out of the mesh: prefer "
          "a label image). Units: image intensity.");
        prm.declare_entry(
          "Marrow intensity",
          "0",
          Patterns::Double(),
          "Intensity of pure marrow (BV/TV = 0). No CT calibration is in our "
          "reference: the defaults are the scale of cementflow's synthetic "
          "phantom (intensity = 1000 BV/TV); for a real CT, use your "
          "scanner's calibration phantom. Units: image intensity.");
        prm.declare_entry("Bone intensity",
                          "1000",
                          Patterns::Double(),
                          "Intensity of fully dense bone (BV/TV = 1); see "
                          "Marrow intensity. Units: image intensity.");
      }
      prm.leave_subsection();
    }



    void CtParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("CT image");
      intensity_file   = prm.get("Intensity file");
      label_file       = prm.get("Label file");
      body_threshold   = prm.get_double("Body threshold");
      marrow_intensity = prm.get_double("Marrow intensity");
      bone_intensity   = prm.get_double("Bone intensity");
      prm.leave_subsection();
      AssertThrow(bone_intensity > marrow_intensity,
                  ExcMessage("Geometry/CT image: the Bone intensity must be "
                             "above the Marrow intensity."));
    }



    void create_mesh_from_images(Triangulation<3>   &triangulation,
                                 const Image        &intensity,
                                 const Image        *labels,
                                 const CtParameters &parameters,
                                 const double        cell_size)
    {
      if (labels != nullptr)
        AssertThrow(labels->size == intensity.size,
                    ExcMessage("The label image <" + labels->source +
                               "> and the CT volume <" + intensity.source +
                               "> have different numbers of voxels."));

      // Blocks of whole voxels of about the cell size.
      std::array<unsigned int, 3> block, n_blocks;
      for (unsigned int d = 0; d < 3; ++d)
        {
          block[d] =
            std::max(1l, std::lround(cell_size / intensity.spacing[d]));
          n_blocks[d] = (intensity.size[d] + block[d] - 1) / block[d];
        }
      const auto block_index =
        [&n_blocks](const int a, const int b, const int c) {
          return a + n_blocks[0] * (b + std::size_t(n_blocks[1]) * c);
        };
      const std::size_t total =
        std::size_t(n_blocks[0]) * n_blocks[1] * n_blocks[2];

      // The majority label of the body voxels (1 without labels) of each
      // block, and of the exit labels (>= 100) outside; 0 if none.
      std::vector<unsigned int> body_label(total, 0), exit_label(total, 0);
      for (unsigned int c = 0; c < n_blocks[2]; ++c)
        for (unsigned int b = 0; b < n_blocks[1]; ++b)
          for (unsigned int a = 0; a < n_blocks[0]; ++a)
            {
              std::map<unsigned int, unsigned int> body_votes, exit_votes;
              unsigned int                         n_body = 0;
              const unsigned int n_voxels = block[0] * block[1] * block[2];
              for (unsigned int k = c * block[2];
                   k < std::min((c + 1) * block[2], intensity.size[2]);
                   ++k)
                for (unsigned int j = b * block[1];
                     j < std::min((b + 1) * block[1], intensity.size[1]);
                     ++j)
                  for (unsigned int i = a * block[0];
                       i < std::min((a + 1) * block[0], intensity.size[0]);
                       ++i)
                    {
                      const unsigned int label =
                        labels != nullptr ?
                          static_cast<unsigned int>(
                            std::lround(labels->at(i, j, k))) :
                          (intensity.at(i, j, k) > parameters.body_threshold ?
                             1u :
                             0u);
                      if (label > 0 && label < 100)
                        {
                          ++n_body;
                          ++body_votes[label];
                        }
                      else if (label >= 100 && label <= 254)
                        ++exit_votes[label];
                    }
              const auto majority =
                [](const std::map<unsigned int, unsigned int> &votes) {
                  return std::max_element(votes.begin(),
                                          votes.end(),
                                          [](const auto &x, const auto &y) {
                                            return x.second < y.second;
                                          })
                    ->first;
                };
              const std::size_t index = block_index(a, b, c);
              if (2 * n_body >= n_voxels)
                body_label[index] = majority(body_votes);
              else if (!exit_votes.empty())
                exit_label[index] = majority(exit_votes);
            }

      // Keep the largest face-connected piece: islands of bone without an
      // exit would leave the pressure undetermined.
      std::vector<int>         component(total, -1);
      std::vector<std::size_t> component_size;
      for (std::size_t start = 0; start < total; ++start)
        if (body_label[start] > 0 && component[start] < 0)
          {
            const int id = component_size.size();
            component_size.push_back(0);
            std::queue<std::size_t> queue;
            queue.push(start);
            component[start] = id;
            while (!queue.empty())
              {
                const std::size_t index = queue.front();
                queue.pop();
                ++component_size[id];
                const int a = index % n_blocks[0];
                const int b = (index / n_blocks[0]) % n_blocks[1];
                const int c = index / (std::size_t(n_blocks[0]) * n_blocks[1]);
                const int neighbours[6][3] = {{a - 1, b, c},
                                              {a + 1, b, c},
                                              {a, b - 1, c},
                                              {a, b + 1, c},
                                              {a, b, c - 1},
                                              {a, b, c + 1}};
                for (const auto &n : neighbours)
                  if (n[0] >= 0 && n[1] >= 0 && n[2] >= 0 &&
                      n[0] < int(n_blocks[0]) && n[1] < int(n_blocks[1]) &&
                      n[2] < int(n_blocks[2]))
                    {
                      const std::size_t other = block_index(n[0], n[1], n[2]);
                      if (body_label[other] > 0 && component[other] < 0)
                        {
                          component[other] = id;
                          queue.push(other);
                        }
                    }
              }
          }
      AssertThrow(!component_size.empty(),
                  ExcMessage("The image <" + intensity.source +
                             "> holds no body at this cell size: " +
                             (labels != nullptr ?
                                "no label between 1 and 99." :
                                "no voxel above the Body threshold.")));
      const int largest =
        std::max_element(component_size.begin(), component_size.end()) -
        component_size.begin();

      // Vertices on the lattice of block corners, numbered as used.
      const auto corner =
        [&](const unsigned int a, const unsigned int b, const unsigned int c) {
          return Point<3>(
            intensity.origin[0] + (a * block[0] - 0.5) * intensity.spacing[0],
            intensity.origin[1] + (b * block[1] - 0.5) * intensity.spacing[1],
            intensity.origin[2] + (c * block[2] - 0.5) * intensity.spacing[2]);
        };
      std::map<std::array<unsigned int, 3>, unsigned int> vertex_number;
      std::vector<Point<3>>                               vertices;
      std::vector<CellData<3>>                            cells;
      for (unsigned int c = 0; c < n_blocks[2]; ++c)
        for (unsigned int b = 0; b < n_blocks[1]; ++b)
          for (unsigned int a = 0; a < n_blocks[0]; ++a)
            {
              const std::size_t index = block_index(a, b, c);
              if (component[index] != largest)
                continue;
              CellData<3> cell(8);
              for (unsigned int v = 0; v < 8; ++v)
                {
                  const std::array<unsigned int, 3> lattice = {
                    {a + (v & 1), b + ((v >> 1) & 1), c + ((v >> 2) & 1)}};
                  const auto [found, inserted] =
                    vertex_number.emplace(lattice, vertices.size());
                  if (inserted)
                    vertices.push_back(
                      corner(lattice[0], lattice[1], lattice[2]));
                  cell.vertices[v] = found->second;
                }
              cell.material_id = body_label[index];
              cells.push_back(cell);
            }
      triangulation.create_triangulation(vertices, cells, SubCellData());

      // Exit labels of the blocks just outside each boundary face.
      for (const auto &cell : triangulation.active_cell_iterators())
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f))
            {
              std::array<int, 3> outside;
              for (unsigned int d = 0; d < 3; ++d)
                outside[d] = static_cast<int>(
                  std::floor((cell->center()[d] - corner(0, 0, 0)[d]) /
                             (block[d] * intensity.spacing[d])));
              outside[f / 2] += (f % 2 == 0) ? -1 : 1;
              unsigned int label = 0;
              if (outside[0] >= 0 && outside[1] >= 0 && outside[2] >= 0 &&
                  outside[0] < int(n_blocks[0]) &&
                  outside[1] < int(n_blocks[1]) &&
                  outside[2] < int(n_blocks[2]))
                label =
                  exit_label[block_index(outside[0], outside[1], outside[2])];
              cell->face(f)->set_boundary_id(label);
            }
    }



    std::pair<Image, Image> make_phantom(const double voxel_size)
    {
      const std::array<double, 3> field = {{48e-3, 40e-3, 32e-3}};
      Image                       intensity;
      for (unsigned int d = 0; d < 3; ++d)
        {
          intensity.size[d] =
            static_cast<unsigned int>(std::lround(field[d] / voxel_size));
          intensity.spacing[d] = voxel_size;
          intensity.origin[d]  = -0.5 * field[d] + 0.5 * voxel_size;
        }
      intensity.values.assign(std::size_t(intensity.size[0]) *
                                intensity.size[1] * intensity.size[2],
                              0.);
      Image labels = intensity;

      const Point<3> lesion_center(-8e-3, 4e-3, 0);
      const Point<3> channel_start(0, 0, 2e-3), channel_end(0, -15e-3, 2e-3);
      // Where the body's ellipse meets y = 5 mm on the left.
      const Point<3> segmental(18.86e-3, 5e-3, 0);
      for (unsigned int k = 0; k < intensity.size[2]; ++k)
        for (unsigned int j = 0; j < intensity.size[1]; ++j)
          for (unsigned int i = 0; i < intensity.size[0]; ++i)
            {
              const Point<3> x(intensity.origin[0] + i * voxel_size,
                               intensity.origin[1] + j * voxel_size,
                               intensity.origin[2] + k * voxel_size);
              const double   ellipse =
                std::pow(x[0] / 20e-3, 2) + std::pow(x[1] / 15e-3, 2);
              const bool in_body = ellipse <= 1 && std::abs(x[2]) <= 12e-3;
              // Distance to the channel's axis, from the centre to the
              // posterior wall along -y.
              const double t = std::clamp(-x[1], 0., 15e-3);
              const double channel_distance =
                x.distance(Point<3>(0, -t, channel_start[2]));
              double bone_fraction = 0, label = 0;
              if (in_body)
                {
                  bone_fraction = 0.1;
                  label         = 1;
                  if (x.distance(lesion_center) <= 6e-3)
                    {
                      bone_fraction = 0.4;
                      label         = 2;
                    }
                  if (channel_distance <= 1e-3)
                    {
                      bone_fraction = 0;
                      label         = 3;
                    }
                }
              else if (x.distance(channel_end) <= 2.5e-3)
                label = 100;
              else if (x.distance(segmental) <= 2e-3)
                label = 101;
              intensity.at(i, j, k) = 1000 * bone_fraction;
              labels.at(i, j, k)    = label;
            }
      return {intensity, labels};
    }
  } // namespace Meshes
} // namespace cementflow
