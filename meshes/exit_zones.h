#ifndef cementflow_meshes_exit_zones_h
#define cementflow_meshes_exit_zones_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/grid/tria.h>

#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * A named patch of the bone surface through which fluid can leave: a
     * venous foramen, a cortical defect. Lengths in metres, pressure in Pa.
     */
    struct ExitZoneParameters
    {
      std::string      name;
      std::string      leak_class          = "venous-basivertebral";
      std::string      boundary_condition  = "open";
      double           pressure            = 3e3;
      double           cortex_permeability = 0;      // [m^2], leaky zones
      double           cortex_thickness    = 0.5e-3; // [m], leaky zones
      std::string      surface             = "patch";
      dealii::Point<3> center;
      double           radius         = 2e-3;
      unsigned int     boundary_label = 1; // for surface "boundary id"

      /** Held at its pressure (Dirichlet). */
      bool is_open() const;

      /** A thin cortex: flux proportional to the pressure difference. */
      bool is_leaky() const;

      /** Open or leaky: fluid can leave through it. */
      bool carries_flux() const;

      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &name);
      void        parse(dealii::ParameterHandler &prm, const std::string &name);
    };



    /** All exit zones, declared by name in subsection "Exit zones". */
    struct ExitZonesParameters
    {
      std::vector<ExitZoneParameters> zones;
      double leak_threshold = 1e-8; // [m^3] a zone has leaked above this

      static std::string default_names();

      static void declare_names(dealii::ParameterHandler &prm);
      static std::vector<std::string>
      parse_names(dealii::ParameterHandler &prm);

      static void declare(dealii::ParameterHandler       &prm,
                          const std::vector<std::string> &names);
      void        parse(dealii::ParameterHandler &prm);

      /** True if at least one zone is open or leaky. */
      bool has_outlet() const;
    };



    /**
     * Marks the zones on the faces of the coarse mesh (identical on every
     * rank), so that refinement inherits them. A patch zone takes the
     * boundary faces whose centres lie within its radius of the boundary
     * face centre nearest to its centre point; a face belongs to the first
     * zone that claims it. Returns the number of coarse faces of each zone.
     */
    std::vector<unsigned int>
    mark_exit_zones(dealii::Triangulation<3>  &coarse_triangulation,
                    const ExitZonesParameters &parameters);
  } // namespace Meshes
} // namespace cementflow

#endif
