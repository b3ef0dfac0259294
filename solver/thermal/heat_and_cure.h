#ifndef cementflow_thermal_heat_and_cure_h
#define cementflow_thermal_heat_and_cure_h

#include "cell_data.h"
#include "linear_solver.h"
#include "physics/cure_kinetics.h"
#include "physics/curing.h"
#include "physics/thermal_dose.h"
#include "run_summary.h"
#include "thermal/heat_and_cure_parameters.h"

#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <array>
#include <functional>
#include <mpi.h>
#include <optional>
#include <vector>

namespace cementflow
{
  namespace Thermal
  {
    /**
     * What the flow of one time step leaves for the heat and the cure: the
     * saturation before and after it (ghosted), the face fluxes and the
     * sources it used.
     */
    struct FlowStep
    {
      const std::vector<CellInfo> &cells;
      const unsigned int           n_owned_cells;
      const std::vector<FaceInfo> &faces;
      const std::vector<std::vector<std::pair<unsigned int, int>>> &cell_faces;
      const dealii::LinearAlgebra::distributed::Vector<double>     &saturation;
      const dealii::LinearAlgebra::distributed::Vector<double> &old_saturation;
      // Per locally relevant cell: the cement fraction f(S) of fluid leaving
      // it, and the share of the injection rate it receives.
      const std::vector<double> &cement_fraction;
      const std::vector<double> &source_share;
      const double               injection_rate; // [m^3/s]
      // Per owned cell: the flow into the veins and the cement coming back
      // from them [m^3/s]; the blood entering from the arterial supply.
      const std::function<void(unsigned int, double &, double &)> vein_exchange;
      const std::function<double(unsigned int)> perfusion_inflow;
      const bool                                perfused;
      // The owned cells in flow order, upstream first.
      const std::vector<std::vector<unsigned int>> &flow_order;
      const double minutes_after_mixing; // at the end of the step
    };



    /**
     * The temperature of the bone and the degree of cure of its cement
     * (docs/model.md, "Heat and cure"), as one component beside the flow:
     *
     * - cure: alpha, the degree of cure of the cement in a cell, is carried
     *   with the cement by the implicit upwind scheme of the saturation
     *   (the same fluxes and fractional flows), so
     *   d(phi S alpha)/dt + div(alpha u_c) = phi S r(alpha, T) holds cell
     *   by cell; injected cement brings the cure it reached in the syringe;
     * - heat: one temperature per cell (local thermal equilibrium of
     *   tissue, marrow and cement), its energy carried by the face fluxes
     *   (upwind, in conservation form), conducted between cells (two-point
     *   fluxes of the mixture conductivities) and to the body temperature
     *   beyond the exits, exchanged with blood (Pennes, or the arterial
     *   supply of Perfusion where it is on): one implicit (backward Euler)
     *   solve per flow step, GMRES with SOR; then the exotherm
     *   rho_c H phi S dalpha/dt and the cure, integrated cell by cell over
     *   the step (first-order operator splitting);
     * - dose: CEM43 and Arrhenius damage per cell, the peak temperature and
     *   the time above 45 and 50 °C.
     *
     * Cortex faces that are not exits are insulated. The energy budget
     * (released = stored + lost, relative to the body temperature) closes
     * to the solver's tolerance.
     */
    class HeatAndCure
    {
    public:
      HeatAndCure(const HeatAndCureParameters     &parameters,
                  const Physics::CuringParameters &chemorheology,
                  const MPI_Comm                   communicator);

      bool enabled() const;

      /**
       * Sizes the fields like @p cell_vector (one value per cell, ghosted)
       * and starts every cell at the body temperature without cement; also
       * after the mesh has changed, before restore().
       */
      void setup(
        const dealii::LinearAlgebra::distributed::Vector<double> &cell_vector,
        const std::vector<CellInfo>                              &cells);

      /** Moves cure and heat over @p time_step (collective). */
      void advance(const FlowStep &flow, const double time_step);

      /** The heat of the run so far, summed over the ranks (collective). */
      using EnergyBudget = Postprocess::EnergyBudget;
      EnergyBudget energy_budget() const;

      /**
       * The values of a checkpoint: per owned cell temperature, cure and
       * dose state (n_checkpoint_values() per cell, in this order), and the
       * run's heat flows (rank 0 holds them).
       */
      static constexpr unsigned int n_checkpoint_values = 7;
      std::vector<double> cell_checkpoint_values(const unsigned int cell) const;
      std::vector<double> flow_totals() const;
      /** The heat capacity V C [J/K] of owned cell @p cell now. */
      double cell_heat_capacity(const unsigned int cell) const;
      /**
       * Restores what cell_checkpoint_values() and flow_totals() gave, on
       * any partition or, moved by the adaptation, on a new mesh; @p values
       * per owned cell. Call after setup().
       */
      void restore(
        const std::vector<std::vector<double>>                   &values,
        const std::vector<double>                                &totals,
        const std::vector<CellInfo>                              &cells,
        const dealii::LinearAlgebra::distributed::Vector<double> &saturation);

      /**
       * The factor by which the cure and temperature of locally relevant
       * cell @p cell (its position in the cells list) multiply its cement's
       * viscosity.
       */
      double viscosity_factor(const CellInfo &cell) const;

      /**
       * The factor by which cure @p alpha at @p temperature [K] multiplies the
       * cement's viscosity: with Cement/Curing/Model = none the
       * chemorheology law on alpha (Castro-Macosko), else the curing model
       * at the cement's equivalent age.
       */
      double viscosity_factor(const double alpha,
                              const double temperature) const;

      /**
       * The factor by which the temperature of locally relevant cell
       * @p cell multiplies its marrow's viscosity (Marrow cooling).
       */
      double marrow_viscosity_factor(const CellInfo &cell) const;

      /**
       * The cure of cement at cure @p alpha after @p duration seconds at the
       * constant temperature @p temperature [K] (its heat not counted): for
       * the cement in the veins.
       */
      double cure_after(const double alpha,
                        const double temperature,
                        const double duration) const;

      /** The cure of cement leaving the syringe @p minutes after mixing. */
      double syringe_cure(const double minutes) const;

      const dealii::LinearAlgebra::distributed::Vector<double> &
      temperature() const; // [K]
      const dealii::LinearAlgebra::distributed::Vector<double> &cure() const;
      /** Per owned cell. */
      const std::vector<Physics::ThermalDose> &doses() const;

      /** Across all ranks. */
      struct Extremes
      {
        double       temperature;      // highest now [K]
        double       peak_temperature; // highest so far [K]
        double       cure;             // highest cure of cement now
        double       cem43;            // largest CEM43 [min]
        double       damage;           // largest Arrhenius Omega
        double       seconds_above_50; // longest time above 50 °C
        unsigned int iterations;       // of the last heat solve
      };
      Extremes extremes() const;

      /** The largest CEM43 over the owned cells with @p selected true. */
      double largest_cem43(const std::vector<bool> &selected) const;

    private:
      void transport_cure(const FlowStep &flow, const double time_step);
      void conduct(const FlowStep &flow, const double time_step);
      void react(const FlowStep &flow, const double time_step);
      void setup_matrix(const FlowStep &flow);
      void remember_capacities(
        const std::vector<CellInfo>                              &cells,
        const dealii::LinearAlgebra::distributed::Vector<double> &saturation);
      // Volumetric heat capacity of locally relevant cell @p c with the
      // saturation @p s.
      double heat_capacity(const CellInfo &cell, const double s) const;

      const HeatAndCureParameters     parameters;
      const Physics::CureKinetics     kinetics;
      const Physics::Curing           chemorheology;
      const MPI_Comm                  communicator;
      std::vector<Physics::CureState> syringe_history;
      // Where the curing model is on time after mixing (not none).
      std::optional<Physics::EquivalentAge> equivalent_age;

      dealii::LinearAlgebra::distributed::Vector<double> temperature_field;
      dealii::LinearAlgebra::distributed::Vector<double> cure_field;
      std::vector<Physics::ThermalDose>                  dose;

      // The implicit heat system, in the excess temperature T - T_body.
      dealii::IndexSet                         owned_cells;
      dealii::PETScWrappers::MPI::SparseMatrix matrix;
      dealii::PETScWrappers::MPI::Vector       rhs, solution;
      AmgSolver                                solver;
      bool                                     matrix_ready    = false;
      unsigned int                             last_iterations = 0;
      // This rank's heat flows so far [J]: released, injected, exits,
      // veins, blood.
      std::vector<double> flows = std::vector<double>(5, 0.);
      // Per owned cell: its entry in the cell vectors, V C now [J/K].
      std::vector<unsigned int> cell_index;
      std::vector<double>       stored_capacity;
    };
  } // namespace Thermal
} // namespace cementflow

#endif
