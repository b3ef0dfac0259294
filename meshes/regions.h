#ifndef cementflow_meshes_regions_h
#define cementflow_meshes_regions_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * One lesion: an axis-aligned ellipsoid of bone with its own porosity.
     * Blastic (sclerotic) lesions are denser than the surrounding bone, lytic
     * ones more porous. Lengths in metres.
     */
    struct LesionParameters
    {
      std::string      name;
      std::string      type      = "blastic";
      dealii::Point<3> center    = dealii::Point<3>(-6e-3, 4e-3, 0);
      dealii::Point<3> semi_axes = dealii::Point<3>(7e-3, 6e-3, 6e-3);
      double           porosity  = 0.6;

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
     * Which region a point lies in: 0 is the trabecular bone, i + 1 the i-th
     * lesion (the first listed wins where lesions overlap).
     */
    class Regions
    {
    public:
      Regions(const LesionsParameters &lesions, const double bone_porosity);

      unsigned int region_id(const dealii::Point<3> &point) const;

      double porosity(const unsigned int region_id) const;

      /** "trabecular bone" or the lesion's name. */
      std::string region_name(const unsigned int region_id) const;

      unsigned int n_regions() const;

    private:
      const LesionsParameters lesions;
      const double            bone_porosity;
    };
  } // namespace Meshes
} // namespace cementflow

#endif
