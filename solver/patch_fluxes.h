#ifndef cementflow_patch_fluxes_h
#define cementflow_patch_fluxes_h

#include "cell_data.h"
#include "exit_zones.h"

#include <deal.II/lac/la_parallel_vector.h>

#include <array>
#include <vector>

namespace cementflow
{
  /**
   * Locally conservative face fluxes from the continuous Q1 pressure, with
   * no global solve: flux equilibration on vertex patches (Braess and
   * Schöberl, Math Comp 77, 2008; Ern and Vohralík, SIAM J Numer Anal 53,
   * 2015), the local counterpart of the global correction of Odsæter et
   * al. 2017.
   *
   * The hat functions psi_a of the Q1 space sum to one, so the face fluxes
   * are assembled from one patch flux per vertex a. On the cells around a,
   * the Galerkin residuals b_{T,a} = int_T psi_a q - int_T lambda K grad p .
   * grad psi_a sum to zero over the patch (Galerkin orthogonality) and to
   * the cell's source over the vertices of T. Each patch flux starts from
   * the Galerkin normal flux weighted by psi_a on the faces through a and is
   * corrected by a two-point potential on the patch's cells so that every
   * cell of the patch balances its b_{T,a} exactly: a small dense solve per
   * vertex. Summed over the vertices of each face, the fluxes balance every
   * cell to round-off, up to the linear solver's residual, and stay as
   * close to the Galerkin flux as the global correction does (second order
   * on the mapped sphere, benchmarks/spherical_injection).
   *
   * Every patch of a vertex of an owned cell lies in the owned and ghost
   * cells, so each rank computes all fluxes of its faces itself, in the same
   * order as its neighbour: shared faces get bitwise the same flux. Meshes
   * with hanging nodes are not handled (their patches can reach past the
   * ghost layer); the simulator uses the global correction there.
   */
  class PatchFluxes
  {
  public:
    /**
     * Builds the patches of the vertices of the owned cells. @p faces are
     * the faces the simulator stores (with an owned side); their fluxes are
     * what compute() writes. The mesh must be conforming.
     */
    void reinit(const std::vector<CellInfo>       &cells,
                const unsigned int                 n_owned_cells,
                const std::vector<unsigned int>   &active_to_cell,
                const std::vector<FaceInfo>       &faces,
                const Meshes::ExitZonesParameters &exit_zones);

    /**
     * Writes the conservative flux of every face in @p faces. Per locally
     * relevant cell: @p mobility the total mobility, @p stiffness the Q1
     * stiffness with the permeability (without mobility), @p sources the
     * source integrated against each vertex's hat function, int_T phi_j q
     * [m^3/s], exactly as the pressure system was assembled.
     */
    void
    compute(const dealii::LinearAlgebra::distributed::Vector<double> &pressure,
            const std::vector<double>                                &mobility,
            const std::vector<std::array<double, 64>>                &stiffness,
            const std::vector<std::array<double, 8>>                 &sources,
            const std::vector<CellInfo>                              &cells,
            std::vector<FaceInfo> &faces) const;

    /** The largest number of cells around one vertex. */
    unsigned int max_patch_size() const;

  private:
    enum class Kind : unsigned char
    {
      interior,
      open,
      robin
    };

    // One face of a patch: interior faces of the ghost layer as well as the
    // stored ones, and the open and leaky exit faces of every cell there.
    struct Face
    {
      std::array<unsigned int, 2> cells; // side 1 invalid at exits
      // Per side: the cell's face number and the cell's vertex of each of
      // the face's vertices, in side 0's order.
      std::array<unsigned char, 2>                face_number;
      std::array<std::array<unsigned char, 4>, 2> vertex;
      // Per side and face quadrature point: J^{-1} K n dA, so that the flux
      // density is -lambda sum_j p_j w . grad_ref phi_j.
      std::array<std::array<dealii::Tensor<1, 3>, 4>, 2> weight;
      std::array<double, 2> half_resistance; // distance / (n.K.n) [1/m]
      double                area;
      Kind                  kind;
      // Leaky faces: k_cortex / t_cortex, outside pressure, and per face
      // vertex int phi_k and int phi_k phi_l over the face.
      double                               robin_transmissibility = 0;
      double                               robin_pressure         = 0;
      std::array<double, 4>                robin_load{};
      std::array<std::array<double, 4>, 4> robin_mass{};
    };

    // One face around a vertex: which of the face's vertices it is and the
    // positions of its two cells in the patch (side 1 invalid at exits).
    struct PatchFace
    {
      unsigned int face;
      unsigned int vertex;
      unsigned int side_0, side_1;
    };

    std::vector<Face> patch_faces;
    // Per patch: cells as (cell, vertex of that cell), sorted by CellId, and
    // faces; CSR offsets into the flat arrays.
    std::vector<unsigned int>                          cell_start, face_start;
    std::vector<std::pair<unsigned int, unsigned int>> patch_cells;
    std::vector<PatchFace>                             patch_face_list;
    // For each stored face, its index in patch_faces.
    std::vector<unsigned int> face_of_stored;
  };
} // namespace cementflow

#endif
