#ifndef cementflow_meshes_boundary_ids_h
#define cementflow_meshes_boundary_ids_h

#include <deal.II/base/types.h>

namespace cementflow
{
  /**
   * Boundary ids are named here once. The closed cortical shell is 0; the
   * i-th exit zone (in the order of "Exit zones/Names") is i + 1.
   */
  namespace BoundaryIds
  {
    constexpr dealii::types::boundary_id closed_cortex = 0;

    constexpr dealii::types::boundary_id
    exit_zone(const unsigned int zone_index)
    {
      return static_cast<dealii::types::boundary_id>(zone_index + 1);
    }

    constexpr bool is_exit_zone(const dealii::types::boundary_id id)
    {
      return id != closed_cortex;
    }

    constexpr unsigned int zone_index(const dealii::types::boundary_id id)
    {
      return id - 1u;
    }
  } // namespace BoundaryIds
} // namespace cementflow

#endif
