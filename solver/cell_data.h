#ifndef cementflow_cell_data_h
#define cementflow_cell_data_h

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/dofs/dof_handler.h>

#include <array>

namespace cementflow
{
  /**
   * Per locally relevant (owned or ghost) cell: what the assembly, the flux
   * reconstruction, the transport and the circulation need, with vector
   * entries as local indices. Owned cells come first.
   */
  struct CellInfo
  {
    dealii::DoFHandler<3>::active_cell_iterator pressure_cell;
    dealii::DoFHandler<3>::active_cell_iterator saturation_cell;
    bool                                        is_owned;
    unsigned int                                saturation_index;
    std::array<unsigned int, 8>                 pressure_indices;
    double                                      volume;
    double                                      porosity;
    double           permeability_transverse; // [m^2]
    double           permeability_axial;      // [m^2]
    unsigned int     region_id;
    dealii::Point<3> center;
  };



  /** The permeability tensor of a cell: transverse in x and y, axial in z. */
  inline dealii::Tensor<2, 3> permeability_tensor(const CellInfo &cell)
  {
    dealii::Tensor<2, 3> k;
    k[0][0] = cell.permeability_transverse;
    k[1][1] = cell.permeability_transverse;
    k[2][2] = cell.permeability_axial;
    return k;
  }



  /**
   * One face through which fluid can pass, stored once per rank and
   * oriented canonically (side 0 has the smaller CellId) so that every rank
   * computes bitwise the same flux for it.
   */
  struct FaceInfo
  {
    std::array<unsigned int, 2>          cells; // side 1 invalid at exits
    std::array<std::array<double, 8>, 2> flux_operator;
    std::array<double, 2>                distance;
    std::array<double, 2>                normal_permeability;
    double                               area;
    dealii::Point<3>                     center;
    dealii::Tensor<1, 3>                 normal;      // mean, out of side 0
    unsigned int                         face_number; // of side 0
    unsigned int                         zone;        // invalid if interior
    unsigned int robin; // index into robin_faces; invalid if not leaky
    double       flux;  // [m^3/s] out of side 0
  };



  /**
   * A face of a leaky exit zone (Robin condition): the outflow is
   * lambda_t T (p - p_outside) per area, T = k_cortex / t_cortex [m].
   */
  struct RobinFace
  {
    unsigned int           face;
    double                 transmissibility; // T [m]
    double                 outside_pressure; // [Pa]
    std::array<double, 8>  load;             // int phi_j dA
    std::array<double, 64> mass;             // T int phi_i phi_j dA
  };
} // namespace cementflow

#endif
