#ifndef cementflow_meshes_regions_h
#define cementflow_meshes_regions_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include <functional>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * One lesion: an ellipsoid of bone with its own porosity, its semi-axes
     * turned by three angles. Blastic (sclerotic) lesions are denser than
     * the surrounding bone, lytic ones more porous. Lengths in metres.
     */
    struct LesionParameters
    {
      std::string      name;
      std::string      type      = "blastic";
      dealii::Point<3> center    = dealii::Point<3>(-6e-3, 4e-3, 0);
      dealii::Point<3> semi_axes = dealii::Point<3>(7e-3, 6e-3, 6e-3);
      // Columns: the directions of the three semi-axes.
      dealii::Tensor<2, 3> axes =
        dealii::Tensor<2, 3>(dealii::unit_symmetric_tensor<3>());
      double       porosity = 0.6;
      std::string  shape    = "ellipsoid";
      unsigned int material = 1; // for shape "material id"

      /** True if a cell of centre @p point and material id
       * @p cell_material lies in the lesion. */
      bool contains(const dealii::Point<3> &point,
                    const unsigned int      cell_material = 0) const;

      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &name);
      void        parse(dealii::ParameterHandler &prm, const std::string &name);
    };



    /** All lesions, declared by name in subsection "Lesions". */
    struct LesionsParameters
    {
      std::vector<LesionParameters> lesions;

      /** The names the default case declares. */
      static std::string default_names();

      static void declare_names(dealii::ParameterHandler &prm);
      static std::vector<std::string>
      parse_names(dealii::ParameterHandler &prm);

      static void declare(dealii::ParameterHandler       &prm,
                          const std::vector<std::string> &names);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * An open venous channel (the basivertebral vein and its canal): a tube
     * of blood-filled lumen from a start to an end point, with the
     * permeability of Poiseuille flow in a tube, r^2 / 8. Lengths in metres.
     */
    struct VenousChannelParameters
    {
      std::string      name;
      dealii::Point<3> start  = dealii::Point<3>(0, 0, 3e-3);
      dealii::Point<3> end    = dealii::Point<3>(0, -16e-3, 3e-3);
      double           radius = 1e-3;

      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &name);
      void        parse(dealii::ParameterHandler &prm, const std::string &name);
    };



    /**
     * A fracture cleft: a thin open gap shaped as a disc, with the
     * permeability of flow between parallel plates, a^2 / 12 for an
     * aperture a. Lengths in metres.
     */
    struct CleftParameters
    {
      std::string          name;
      dealii::Point<3>     center;
      dealii::Tensor<1, 3> normal;
      double               radius   = 8e-3;
      double               aperture = 1e-3;

      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &name);
      void        parse(dealii::ParameterHandler &prm, const std::string &name);
    };



    /** Venous channels and fracture clefts, each list declared by name. */
    struct ConduitsParameters
    {
      std::vector<VenousChannelParameters> channels;
      std::vector<CleftParameters>         clefts;

      static void declare_names(dealii::ParameterHandler &prm);
      static std::vector<std::string>
      parse_channel_names(dealii::ParameterHandler &prm);
      static std::vector<std::string>
      parse_cleft_names(dealii::ParameterHandler &prm);

      static void declare(dealii::ParameterHandler       &prm,
                          const std::vector<std::string> &channel_names,
                          const std::vector<std::string> &cleft_names);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * A seeded Gaussian random field added to the porosity of bone and
     * lesions, with a Gaussian covariance of the given correlation length.
     * Lengths in metres.
     */
    struct HeterogeneityParameters
    {
      double       standard_deviation = 0;
      double       correlation_length = 3e-3;
      unsigned int seed               = 1;
      unsigned int n_modes            = 512;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * A stationary Gaussian random field with covariance
     * sigma^2 exp(-r^2 / (2 l^2)), as a sum of random Fourier modes
     * (Shinozuka's spectral representation): sigma sqrt(2 / N)
     * sum_i cos(k_i . x + theta_i), k_i ~ N(0, 1 / l^2) per component,
     * theta_i ~ U(0, 2 pi). A function of the point and the seed alone, so
     * that every rank, any partition and any mesh see the same field.
     */
    class RandomField
    {
    public:
      explicit RandomField(const HeterogeneityParameters &parameters);

      double value(const dealii::Point<3> &point) const;

    private:
      double                            amplitude;
      std::vector<dealii::Tensor<1, 3>> wave_vectors;
      std::vector<double>               phases;
    };



    /** What a cell is made of, from its centre and size. */
    struct CellMaterial
    {
      unsigned int region_id;
      // Porosity of the bone or lesion around any conduit, with the random
      // field.
      double matrix_porosity;
      // Volume fraction of the cell that is open conduit lumen, and the
      // permeability of that lumen [m^2].
      double conduit_fraction;
      double conduit_permeability;

      /** Porosity of the whole cell. */
      double porosity() const;

      /** Permeability of the cell from the matrix permeability: the lumen
       * and the matrix side by side along the conduit. */
      double permeability(const double matrix_permeability) const;
    };



    /**
     * Which region a cell belongs to and what it is made of. Region 0 is
     * the trabecular bone, then the lesions, the venous channels and the
     * clefts in the order listed. Conduits take precedence over lesions,
     * and the first listed wins where items of one kind overlap.
     *
     * A conduit thinner than the mesh marks the cells whose centres lie
     * within 0.75 cell sizes of it (so that it stays a connected path of
     * cells) and dilutes its lumen over them: the lumen's volume fraction
     * f keeps the conduit's volume, and f times its permeability keeps its
     * conductance along its length.
     */
    class Regions
    {
    public:
      /** @p imaged_porosity, if given, is the porosity of bone and
       * lesions at a cell centre for a cell size (from a CT image); it
       * replaces their parameters. */
      Regions(const LesionsParameters       &lesions,
              const ConduitsParameters      &conduits,
              const HeterogeneityParameters &heterogeneity,
              const double                   bone_porosity,
              std::function<double(const dealii::Point<3> &, double)>
                imaged_porosity = {});

      /** @p cell_size: the edge length of the cell around @p center;
       * @p material_id: its label in an imported mesh (0 otherwise). */
      CellMaterial material(const dealii::Point<3> &center,
                            const double            cell_size,
                            const unsigned int      material_id = 0) const;

      /** "trabecular bone" or the name of the lesion, channel or cleft. */
      std::string region_name(const unsigned int region_id) const;

      unsigned int n_regions() const;

    private:
      const LesionsParameters       lesions;
      const ConduitsParameters      conduits;
      const HeterogeneityParameters heterogeneity;
      const RandomField             random_field;
      const double                  bone_porosity;
      const std::function<double(const dealii::Point<3> &, double)>
        imaged_porosity;
    };
  } // namespace Meshes
} // namespace cementflow

#endif
