#ifndef cementflow_circulation_h
#define cementflow_circulation_h

#include "cell_data.h"
#include "circulation/circulation_parameters.h"
#include "circulation/vessel_network.h"
#include "physics/fluids.h"
#include "run_summary.h"

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    class TimeSeries;
    class TimeSeriesRecord;
  } // namespace Postprocess

  namespace Circulation
  {
    /** The bone's state as the circulation reads it, per locally relevant
     * cell (owned first). */
    struct BoneState
    {
      const std::vector<CellInfo>                              &cells;
      const unsigned int                                        n_owned_cells;
      const dealii::LinearAlgebra::distributed::Vector<double> &pressure;
      const dealii::LinearAlgebra::distributed::Vector<double> &saturation;
      const std::vector<double>                                &total_mobility;
      // The cement fraction of fluid leaving cell c, f_c(S_c).
      const std::function<double(unsigned int)> cement_fraction;
      // With Heat and cure (else empty): the degree of cure of the cement
      // in cell c and its temperature [K].
      const std::function<double(unsigned int)> cement_cure;
      const std::function<double(unsigned int)> temperature;
    };



    /**
     * The circulation of the vertebral body (docs/circulation.md), as one
     * component beside the bone flow:
     *
     * - perfusion: arterial blood enters the marrow-filled pores,
     *   G (p_supply - p) (1 - S) per volume, never backwards, with G set by
     *   the resting state to the measured marrow blood flow;
     * - the veins: a graph of Poiseuille segments (VesselNetwork) embedded
     *   in the mesh independently of the cells, exchanging fluid with the
     *   bone around each node, draining into the venous plexus at a
     *   pressure with a time course;
     * - cement in the veins: each segment holds a cement fraction moved by
     *   an implicit upwind scheme, the segment's resistance is that of its
     *   cement slug plus its blood; cement past a vein's foramen has
     *   leaked, cement reaching the plexus can embolise.
     *
     * Its node pressures are unknowns of the simulator's pressure system
     * (appended after the Q1 unknowns, owned by the last rank), so bone and
     * veins are solved together; every rank keeps the whole network.
     */
    class Circulation
    {
    public:
      Circulation(const CirculationParameters &parameters,
                  const Physics::Cement       &cement,
                  const MPI_Comm               communicator);

      bool has_perfusion() const;
      bool has_veins() const;

      /**
       * How cement ages in the veins under Heat and cure: its cure after a
       * time at a temperature, and the viscosity factor of a cure at a
       * temperature. Each segment's cement takes the mean temperature of
       * the bone around its two nodes (the body temperature outside the
       * bone): a 1 mm vessel comes to its surroundings' temperature in
       * about 10 s (r^2 over PMMA's thermal diffusivity, 1e-7 m^2/s). The
       * cure reached in the veins sets their slugs' viscosity; its heat is
       * not added to the bone. Without it the veins hold cement of the cure
       * scale given to assemble().
       */
      struct CementAging
      {
        std::function<double(double alpha, double temperature, double time)>
          cure_after;
        std::function<double(double alpha, double temperature)>
               viscosity_factor;
        double body_temperature = 0; // [K]
      };
      void set_cement_aging(const CementAging &aging);

      /** Builds the veins, once per run (collective). */
      void build_network(const InsideTest &inside, const Meshes::Image *labels);

      const VesselNetwork &network() const;

      /**
       * After every setup of the mesh: the balls through which each node
       * exchanges with the bone, and the cells' perfused volumes.
       * @p first_unknown is the global index of the first node unknown.
       */
      void setup_coupling(const std::vector<CellInfo>          &cells,
                          const unsigned int                    n_owned_cells,
                          const dealii::types::global_dof_index first_unknown);

      /** Number of node pressures in the pressure system. */
      unsigned int n_unknowns() const;

      /** Adds the couplings' and the network's entries to @p dsp. */
      void add_sparsity(dealii::DynamicSparsityPattern          &dsp,
                        const std::vector<CellInfo>             &cells,
                        const unsigned int                       n_owned_cells,
                        const dealii::AffineConstraints<double> &constraints,
                        const bool last_rank) const;

      /**
       * Per locally relevant cell and vertex: the perfusion's coefficient
       * a_j (int_T phi_j G (1 - S) with a lumped mass, 0 where the arterial
       * supply is shut), so that the supply at vertex j is
       * a_j (p_supply - p_j). The simulator adds it to its cell blocks.
       */
      const std::vector<std::array<double, 8>> &supply_coefficients() const;
      double                                    supply_pressure() const;

      /**
       * Updates the perfusion's coefficients from the saturation and, for
       * the shut-off of backflow, the last pressure (lagged by a step, like
       * the mobilities).
       */
      void update_supply(const BoneState &bone);

      /**
       * Adds the exchange with the bone and the network's own equations,
       * multiplied by @p scale, at time @p time, with the slug viscosities
       * of the cement at cure scale @p viscosity_scale.
       */
      void assemble(dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                    dealii::PETScWrappers::MPI::Vector       &rhs,
                    const dealii::AffineConstraints<double>  &constraints,
                    const BoneState                          &bone,
                    const double                              scale,
                    const double                              time,
                    const double                              viscosity_scale);

      /** Reads the node pressures after a solve and updates all flows. */
      void read_solution(const dealii::PETScWrappers::MPI::Vector &solution,
                         const BoneState                          &bone);

      /** After a checkpoint's restoration: the exchange flows from the
       * restored pressures. */
      void refresh(const BoneState &bone);

      /** Per locally relevant cell, which vertices the arterial supply
       * feeds (a bit each), for checkpoints; and their restoration with the
       * saturation of the last pressure solve. */
      std::vector<unsigned char> supply_switches() const;
      void restore_supply(const std::vector<unsigned char> &switches,
                          const BoneState                  &bone);

      /** Sets the node pressures as the start of the first solve; the
       * nodes' unknowns start at @p first (the number of Q1 unknowns of
       * the current mesh, also before setup_coupling() after an
       * adaptation). */
      void initial_guess(dealii::PETScWrappers::MPI::Vector   &solution,
                         const dealii::types::global_dof_index first) const;

      /**
       * Adds the perfusion and the exchange with the veins to the sources
       * of every locally relevant cell, int_T phi_j q per vertex.
       */
      void
      add_vertex_sources(const BoneState                    &bone,
                         std::vector<std::array<double, 8>> &sources) const;

      /** The net source of an owned cell from perfusion and veins [m^3/s]. */
      double cell_source(const unsigned int cell) const;

      /**
       * For the bone transport of owned cell @p cell: the flow into the
       * veins (out of the cell) and the cement flowing in from them.
       */
      void cell_exchange(const unsigned int cell,
                         double            &outflow,
                         double            &cement_inflow) const;

      /** Starts a time step of the transport (keeps the old fractions). */
      void begin_transport();

      /**
       * Moves the cement through the veins over @p time_step from the
       * bone's saturation (collective). Returns the owned cells into which
       * a vein feeds cement whose concentration changed by more than
       * @p tolerance since the last call of this step: the bone transport
       * solves them again.
       */
      std::vector<unsigned int> transport(const BoneState &bone,
                                          const double     time_step,
                                          const double     tolerance);

      /**
       * Books the step's cement past each foramen and into the plexus, and
       * first arrivals above @p threshold [m^3]; @p injected_start is the
       * volume injected at the start of the step.
       */
      void account(const double time,
                   const double time_step,
                   const double injected_start,
                   const double injected_end,
                   const double threshold);

      /** Cement in the veins inside the bone [m^3]. */
      double cement_in_veins() const;
      /** Cement past the veins' foramina (leaked through veins) [m^3]. */
      double leaked_through_veins() const;
      /** The earliest first leak through a vein (injected volume [m^3]
       * and time [s], -1 if none) and the vein's name. */
      struct FirstLeak
      {
        double      injected = -1;
        double      time     = -1;
        std::string vein;
      };
      FirstLeak first_leak() const;

      /** Whether the pressure must be solved again (changing plexus
       * pressure, cement slugs that changed by more than @p threshold). */
      bool pressure_update_due(const double time, const double threshold) const;

      /** A time step that resolves the plexus pressure's time course. */
      double largest_time_step() const;

      /** The resting state before the injection: calibrates the supply. */
      void set_resting_state(const BoneState &bone);
      /** Scales the perfusion to carry the measured blood flow; returns
       * whether it still changed by more than 1e-4 relative. */
      /** The measured marrow blood flow of the whole body [m^3/s]. */
      double resting_blood_flow() const;

      bool calibrate_supply(const BoneState &bone);
      /** Throws an InputError if the resting state cannot carry the
       * measured blood flow below the supply pressure: the calibration did
       * not settle (@p settled false) or the marrow reaches the supply
       * pressure somewhere, so that the arteries are shut there at rest. */
      void check_resting_state(const BoneState &bone, const bool settled) const;

      void declare_statistics(Postprocess::TimeSeries &statistics) const;
      void record_statistics(Postprocess::TimeSeries &statistics,
                             const BoneState         &bone,
                             const double             time) const;
      void summarize(Postprocess::RunSummary &summary) const;

      /** Writes the veins (rank 0) as vessels/vessels_NNNNN.vtp. */
      void write_output(const std::string &directory,
                        const unsigned int output_number,
                        const double       time);

      /** The state a checkpoint keeps, as numbers, and its restoration. */
      std::vector<double> state() const;
      void                restore(const std::vector<double> &state);
      std::vector<std::pair<double, std::string>> output_records() const;
      void                                        restore_output_records(
                                               const std::string                                 &directory,
                                               const std::vector<std::pair<double, std::string>> &records);

    private:
      // One node's exchange with one cell of its ball: the share of the
      // ball in the cell and its hat-function weights, and the coefficient
      // alpha k_perp [m^3] so that Q = alpha k lambda (sum w_j p_j - w p_i).
      struct Coupling
      {
        unsigned int          cell;
        unsigned int          node;
        std::array<double, 8> weights;
        double                share;
        double                coefficient;
        double                flow = 0; // [m^3/s], out of the cell
      };

      double plexus_pressure(const unsigned int vein, const double time) const;
      // The couplings' flows from the node and bone pressures.
      void update_exchange(const BoneState &bone);
      // The supply's coefficients from its switches and the saturation.
      void   set_supply_coefficients(const BoneState &bone);
      double segment_conductance(const unsigned int segment,
                                 const double       viscosity_scale) const;
      // The viscosity factor of segment @p s's cement: its own with cement
      // aging, else @p viscosity_scale.
      double segment_viscosity_scale(const unsigned int s,
                                     const double       viscosity_scale) const;
      // Per node, the share-weighted mean temperature of the cells around
      // it, the body temperature where it has none (collective).
      std::vector<double> node_temperatures(const BoneState &bone) const;
      double              bone_mean_pressure(const BoneState &bone) const;
      /** Arterial blood entering the marrow at the current pressure, over
       * all ranks [m^3/s]. */
      double arterial_inflow(const BoneState &bone) const;

      const CirculationParameters parameters;
      const Physics::Cement      &cement;
      const MPI_Comm              communicator;
      const unsigned int          this_rank, n_ranks;

      VesselNetwork                        network_graph;
      std::vector<Physics::PlexusPressure> plexus; // per vein

      // Perfusion: G [1/(Pa s)] and per locally relevant cell the
      // coefficients of its vertices.
      double supply_conductance = 0;
      // The calibration's last conductance and the inflow it gave.
      double previous_supply_conductance = 0, previous_inflow = 0;
      std::vector<std::array<double, 8>> supply;
      std::vector<unsigned char>         open_vertices;
      std::vector<double>                cell_volume;
      double                             body_volume = 0;

      // Couplings of the locally relevant cells; per cell its couplings.
      std::vector<Coupling>                  couplings;
      std::vector<std::vector<unsigned int>> couplings_of_cell;
      dealii::types::global_dof_index        first_unknown = 0;

      // Network state, the same on every rank.
      std::vector<double> node_pressure;     // [Pa], per node
      std::vector<double> segment_flow;      // [m^3/s], from -> to
      std::vector<double> conductance;       // [m^3/(Pa s)] used last
      std::vector<double> cement_fraction;   // per segment
      std::vector<double> old_fraction;      // at the start of the step
      std::vector<double> fraction_at_solve; // at the last assembly
      std::vector<std::vector<unsigned int>> node_segments;
      // With cement aging: per segment the cure of its cement, at the
      // start of the step, its temperature [K] and its viscosity factor at
      // the last assembly.
      CementAging         aging;
      std::vector<double> segment_cure, old_cure, segment_temperature;
      std::vector<double> scale_at_solve;
      std::vector<double> concentration; // per node, of what leaves it
      std::vector<double> last_concentration;
      // What the bone sent in the step's last transport: a pass of the
      // bone's transport that sends the same again changes nothing.
      std::vector<double> last_from_bone;
      double              assembled_time = 0;
      double              slug_scale     = 1;

      // Accounting per vein.
      std::vector<double> to_plexus;           // [m^3] delivered
      std::vector<double> step_to_plexus;      // [m^3] in the current step
      std::vector<double> first_leak_time;     // [s], -1
      std::vector<double> first_leak_injected; // [m^3], -1
      std::vector<double> last_leaked;         // [m^3] past the foramen
      std::vector<double> peak_leak_rate;      // [m^3/s]
      // Resting state.
      double              resting_pressure = 0, resting_supply = 0;
      std::vector<double> resting_vein_flow;
      mutable double      max_mean_pressure = 0;
      // Per owned cell, the net source of the last add_vertex_sources().
      mutable std::vector<double> net_source;

      std::unique_ptr<Postprocess::TimeSeriesRecord> output_series;
    };
  } // namespace Circulation
} // namespace cementflow

#endif
