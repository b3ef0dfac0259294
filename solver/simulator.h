#ifndef cementflow_simulator_h
#define cementflow_simulator_h

#include "case_parameters.h"
#include "cell_data.h"
#include "circulation/circulation.h"
#include "thermal/heat_and_cure.h"
#include "linear_solver.h"
#include "numerics/time_step_control.h"
#include "patch_fluxes.h"
#include "physics/bone_permeability.h"
#include "physics/cannula.h"
#include "physics/fluids.h"
#include "physics/relative_permeability.h"
#include "regions.h"
#include "run_summary.h"
#include "time_series.h"

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/grid/cell_id.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/vector.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    class RunLog;
    class SolutionWriter;
    class TimeSeriesRecord;
    struct VtuPiece;
  } // namespace Postprocess

  /** What a finished run reports; report.json and report.md come from it. */
  using RunSummary = Postprocess::RunSummary;



  /**
   * Two-phase (cement, marrow) incompressible Darcy flow in rigid porous
   * bone, injected through a needle. Sequential implicit: each step solves
   * the pressure with the mobilities of the last step, makes the face
   * fluxes conservative, then moves the saturation implicitly.
   *
   * Discretisation (docs/numerics.md): continuous Q1 pressure on the mapped
   * hexahedra (consistent on any mesh; a symmetric positive definite system
   * for CG with BoomerAMG); its face fluxes are made locally conservative by
   * a cell-centred correction (Odsaeter et al. 2017); the cement saturation
   * is constant per cell and moved by an implicit upwind scheme solved cell
   * by cell in flow order.
   */
  class Simulator
  {
  public:
    /** With @p echo_to_screen false the run writes its log file only. */
    Simulator(const CaseParameters &parameters,
              const std::string    &expanded_parameters,
              const MPI_Comm        communicator,
              const bool            echo_to_screen = true);
    ~Simulator();

    /**
     * Runs the whole injection and writes all outputs. Throws InputError
     * for a setup that cannot be simulated and SimulationError for a
     * numerical failure (after writing what was computed so far).
     */
    RunSummary run();

    /**
     * Sets the case up and writes what a run would start from (mesh,
     * regions, porosity, permeability, exit zones, needles) for ParaView,
     * without solving. Throws InputError like run().
     */
    void write_geometry();

    /**
     * For validation and tests, after run(): the centre (x, y, z) [m],
     * cement saturation and refinement level above the initial mesh of
     * every cell, gathered on rank 0 (empty elsewhere).
     */
    std::vector<std::array<double, 5>> gather_cell_saturation() const;

    /**
     * For validation, after run(): the L2 norm over the body of the final
     * pressure minus @p exact [Pa m^{3/2}], and the L2 norm of @p exact.
     */
    std::pair<double, double>
    pressure_l2_error(const dealii::Function<3> &exact) const;

    /**
     * For validation, after run(): the relative, area-weighted L2 error of
     * the conservative face fluxes against the normal component of
     * @p exact_velocity [m/s] at face centres, over the faces farther than
     * @p exclude_radius from the needle tip.
     */
    double flux_error(
      const std::function<dealii::Tensor<1, 3>(const dealii::Point<3> &)>
                  &exact_velocity,
      const double exclude_radius) const;

    /**
     * For validation: the largest imbalance of the current face fluxes over
     * the owned cells (sources minus net outflow, [m^3/s]) and the largest
     * face flux, over all ranks.
     */
    std::pair<double, double> cell_flux_imbalance() const;

  private:
    // simulator_checkpoint.cc
    struct CheckpointState;
    void        install_signal_handlers() const;
    std::string find_checkpoint() const;
    bool        checkpoint_due();
    void        save_checkpoint();
    void        load_checkpoint(const std::string &folder);
    void        remove_checkpoints() const;

    // simulator_setup.cc
    void make_mesh(const std::string &checkpoint);
    void setup_dofs();
    // The pressure matrix: the Q1 pattern, the veins and their couplings
    // (after the cells and the circulation's couplings are set up).
    void   setup_pressure_matrix();
    double lowest_outlet_pressure() const;
    // Mesh, unknowns, cell and face operators, needles and, with
    // resting_state, the circulation's resting state; then, all checks
    // passed, writes parameters.prm and needle.vtp.
    void set_up(const std::string &checkpoint,
                const bool         resting_state = false);
    void setup_cells_and_faces();
    // The region, porosity and permeability of a cell (its centre and
    // pressure_cell set).
    void set_material(CellInfo &info) const;
    void warn_about_closed_channels() const;
    // The CT volume if the geometry is one; throws InputError naming a bad
    // file.
    static std::shared_ptr<const Meshes::Image>
    read_ct_intensity(const Meshes::GeometryParameters &geometry);
    // The porosity of the CT volume at a cell, if there is one.
    std::function<double(const dealii::Point<3> &, double)>
    imaged_porosity() const;
    RobinFace
         robin_face(const unsigned int                                 face,
                    const unsigned int                                 zone,
                    const dealii::DoFHandler<3>::active_cell_iterator &cell,
                    const unsigned int face_number) const;
    void setup_needle_source();
    // The weights of a source ball at @p tip, normalised to one; throws if
    // the tip (named @p tip_name in the message) is outside the bone.
    std::map<unsigned int, std::array<double, 8>>
    source_ball(const dealii::Point<3> &tip, const std::string &tip_name) const;

    // simulator_heat.cc: the heat and cure of a time step, its statistics
    // and fields.
    void advance_heat(const double time_step);
    void declare_heat_statistics();
    void record_heat_statistics();
    // Collective; also the heat section of the report.
    Postprocess::HeatReport heat_report() const;
    void                    add_heat_fields(Postprocess::VtuPiece &piece) const;

    // simulator_circulation.cc
    Circulation::BoneState bone_state() const;
    // Which points lie inside the bone (collective).
    std::vector<bool>
         points_inside_bone(const std::vector<dealii::Point<3>> &points) const;
    void build_circulation();
    // Before the injection: the perfused bone and its veins at rest.
    void solve_resting_state();
    // Warns when an exit zone feeds fluid into the bone at rest.
    void warn_of_exits_feeding_the_bone();

    // simulator_adaptivity.cc
    unsigned int finest_level() const;
    // Refines around the needle tips, up to the finest level, before the
    // injection starts.
    void refine_around_tips();
    // Refines at the cement front and the tips, coarsens elsewhere, moves
    // the cell fields and the pressure to the new mesh and sets it up.
    // Returns whether the mesh changed.
    bool adapt_mesh();


    // simulator_pressure.cc
    void   update_mobilities();
    void   assemble_pressure_system();
    void   solve_pressure();
    double tip_pressure() const;

    // simulator_rheology.cc
    void   compute_centre_gradients();
    void   update_viscosities();
    void   solve_pressure_and_viscosity();
    void   solve_pressure_for_next_step();
    double cannula_pressure_drop(const double flow_rate) const;
    // Whether the pressure must be solved again after a step (step-43's
    // adaptive operator splitting), with @p mesh_changed after an
    // adaptation.
    bool   pressure_update_due(const bool mesh_changed) const;
    void   remember_saturation_at_pressure();
    double tip_viscosity() const;

    // simulator_leakage.cc
    void account_leakage(const double time_step);
    void account_step(const double time_step);
    void summarize_leakage(RunSummary &summary) const;
    void summarize_filling(RunSummary &summary) const;
    void mark_endplate_cells();

    // simulator_fluxes.cc
    void compute_conservative_fluxes();
    dealii::types::global_dof_index
    cell_dof_index(const unsigned int cell) const;

    // simulator_transport.cc
    void   solve_transport(const double time_step);
    double solve_cell_saturation(const unsigned int owned_cell,
                                 const double       time_step) const;
    std::vector<std::vector<unsigned int>> flow_ordering() const;

    // simulator_time_stepping.cc: the volume of the next step and what the
    // last one changed, for the step control.
    struct StepStart
    {
      std::vector<double> leaked;            // per exit zone [m^3]
      std::vector<bool>   zone_leaked;       // past the leak threshold
      double              vein_cement   = 0; // in and past the veins [m^3]
      bool                vein_leaked   = false;
      double              tip_viscosity = 0; // [Pa s]
      double              injected      = 0; // [m^3]
    };
    StepStart step_start() const;
    // The saturation and leak changes of the step (before an adaptation).
    Numerics::StepChanges step_changes(const StepStart &start) const;
    // |ln(mu_end / mu_start)| of the tip viscosity (after the next
    // pressure solve); collective.
    double viscosity_change(const StepStart &start) const;
    // Whether the mesh adapts after a step whose largest saturation change
    // was @p saturation_change.
    bool   adaptation_due(const double saturation_change);
    double next_step_volume() const;
    // The injected volume at which the next field output is due: the next
    // multiple of Output/Volume between outputs after the last output.
    double next_output_volume() const;

    // simulator_output.cc
    void       declare_statistics();
    void       record_step(const double time_step);
    void       output_fields();
    void       write_exit_surfaces();
    void       write_statistics() const;
    RunSummary summarize() const;
    void       write_report(const RunSummary &summary) const;
    void       write_needle() const;

    const CaseParameters parameters;
    const std::string    expanded_parameters;
    const MPI_Comm       communicator;
    const unsigned int   n_ranks;
    const unsigned int   this_rank;

    std::unique_ptr<Postprocess::RunLog> log;
    mutable dealii::ConditionalOStream   pcout;
    dealii::Timer                        wall_clock;

    const Physics::BonePermeability     bone_permeability;
    const Physics::RelativePermeability relative_permeability;
    // The CT volume of a CT geometry (null otherwise): read once, for the
    // mesh and for the porosity.
    const std::shared_ptr<const Meshes::Image> ct_intensity;
    const Meshes::Regions                      regions;
    const Physics::Cement                      cement;
    const Physics::Rheology                    marrow;
    const double                               cement_shear_factor;
    const double                               marrow_shear_factor;
    const Physics::Cannula                     cannula;
    // Perfusion and veins; its node pressures are unknowns of the pressure
    // system after the Q1 ones.
    Circulation::Circulation circulation;
    // The temperature and the cement's own cure (Heat and cure).
    Thermal::HeatAndCure heat;
    // Both linear systems are multiplied by this [Pa s / m^3], the inverse
    // of a typical entry k h / mu, so that their entries are of order one:
    // PETSc's factorisations treat pivots below about 1e-14 as zero.
    const double system_scale;

    dealii::parallel::distributed::Triangulation<3> triangulation;
    // The level of the initial mesh's cells; adaptation refines up to
    // Adaptive mesh/Refinement levels above it.
    unsigned int base_level = 0;

    // Pressure: continuous Q1.
    dealii::FE_Q<3>       pressure_fe;
    dealii::DoFHandler<3> pressure_dof_handler;
    dealii::IndexSet      locally_owned_pressure_dofs;
    dealii::IndexSet      locally_relevant_pressure_dofs;
    // The pressure system's unknowns: Q1, then the veins' nodes.
    dealii::types::global_dof_index n_pressure_dofs = 0;
    dealii::IndexSet                locally_owned_system;
    dealii::IndexSet                locally_relevant_system;
    // The resting pressure before the injection, for output (with veins or
    // perfusion).
    dealii::LinearAlgebra::distributed::Vector<double> resting_pressure;
    dealii::AffineConstraints<double>                  pressure_constraints;
    dealii::PETScWrappers::MPI::SparseMatrix           pressure_matrix;
    dealii::PETScWrappers::MPI::Vector                 pressure_rhs;
    dealii::PETScWrappers::MPI::Vector                 pressure_solution;
    dealii::LinearAlgebra::distributed::Vector<double> pressure;
    AmgSolver                                          pressure_solver;

    // Saturation and the flux-correction potential: one value per cell.
    dealii::FE_DGQ<3>     cell_fe;
    dealii::DoFHandler<3> cell_dof_handler;
    dealii::IndexSet      locally_owned_cell_dofs;
    dealii::IndexSet      locally_relevant_cell_dofs;
    dealii::LinearAlgebra::distributed::Vector<double> saturation;
    dealii::LinearAlgebra::distributed::Vector<double> old_saturation;
    dealii::LinearAlgebra::distributed::Vector<double> correction_potential;
    dealii::PETScWrappers::MPI::SparseMatrix           correction_matrix;
    dealii::PETScWrappers::MPI::Vector                 correction_rhs;
    dealii::PETScWrappers::MPI::Vector                 correction_solution;
    AmgSolver                                          correction_solver;
    // Conservative fluxes by local equilibration on conforming meshes.
    bool        use_patch_fluxes = false;
    PatchFluxes patch_fluxes;
    // Per locally relevant cell: the sources integrated against the hat
    // function of each vertex, int_T phi_j q [m^3/s].
    std::vector<std::array<double, 8>> vertex_sources;

    // Cells and faces. Owned cells come first in `cells`; active_to_cell
    // maps a cell's active_cell_index() to its position there.
    std::vector<CellInfo>     cells;
    std::vector<unsigned int> active_to_cell;
    unsigned int              n_owned_cells = 0;
    std::vector<FaceInfo>     faces;
    // The owned cells in flow order of the last transport (upstream first).
    std::vector<std::vector<unsigned int>> transport_order;

    // The material of the locally relevant cells of the last setup, by
    // cell, on an adaptive mesh.
    struct CachedMaterial
    {
      double       porosity;
      double       transverse; // [m^2]
      double       axial;      // [m^2]
      unsigned int region_id;
    };
    std::map<dealii::CellId, CachedMaterial> material_cache;

    std::vector<RobinFace>                                 robin_faces;
    std::vector<std::vector<std::pair<unsigned int, int>>> cell_faces;
    // For each ghost cell, the owned cells that share a face with it.
    std::vector<std::vector<unsigned int>> ghost_downstream;
    std::vector<std::array<double, 64>>    cell_stiffness;
    // Per owned cell: the global pressure unknowns, and whether one of them
    // is constrained (an open exit), for the fast assembly path.
    std::vector<std::array<PetscInt, 8>> cell_pressure_dofs;
    std::vector<bool>                    cell_is_constrained;
    std::vector<double>                  total_mobility;
    std::vector<double>                  face_transmissibility;
    std::vector<double>                  cement_viscosity;
    std::vector<double>                  marrow_viscosity;
    std::vector<double>                  cement_shear_rate;
    // Per locally relevant cell: the gradient of the Q1 pressure at the
    // cell centre as weights of the 8 vertex values (3 x 8), and the
    // transverse and axial permeability.
    std::vector<std::array<double, 24>> centre_gradient;
    std::vector<std::array<double, 2>>  cell_permeability;

    // The needle source: per locally relevant cell, the share of the
    // injection rate and its distribution over the cell's pressure basis
    // functions (assembled on owned cells only).
    std::vector<double>                           source_share;
    std::map<unsigned int, std::array<double, 8>> source_weights;
    // Per needle, the same for its own ball, summing to one over the owned
    // cells of all ranks.
    std::vector<std::map<unsigned int, std::array<double, 8>>> needle_weights;

    // Time and bookkeeping.
    Numerics::TimeStepControl time_step_control;
    unsigned int              steps_since_adaptation         = 0;
    double                    front_advance_since_adaptation = 0;
    double                    time                           = 0;
    double                    rate                   = 0; // delivered [m^3/s]
    double                    viscosity_scale        = 1; // curing, temperature
    double                    injection_pressure     = 0; // [Pa]
    double                    cannula_drop           = 0; // [Pa]
    double                    max_injection_pressure = 0;
    double                    max_cannula_pressure_drop = 0;
    double                    max_syringe_force         = 0;
    unsigned int              last_viscosity_iterations = 0;
    std::string               stop_reason;
    double                    last_checkpoint_wall_time = 0; // [s]
    // Wall time [s] and injected volume [m^3] when stepping (re)started,
    // for the estimate of the time left.
    std::pair<double, double> progress_start{0., 0.};
    bool                      stop_after_checkpoint = false;
    double                    injected_volume       = 0;
    unsigned int              time_step_number      = 0;
    double                    last_output_volume    = 0;
    std::vector<double>       leaked_volume;          // per zone [m^3]
    std::vector<double>       first_arrival_time;     // per zone [s], -1
    std::vector<double>       first_arrival_injected; // per zone [m^3], -1
    std::vector<double>       peak_leak_rate;         // per zone [m^3/s]
    std::string               first_leak_zone;
    double                    first_leak_time = -1; // [s]
    double                    safe_volume     = -1; // [m^3], -1: no leak
    // Per owned cell: 1 if it touches the superior endplate, 2 the
    // inferior one (boundary faces facing +z or -z).
    std::vector<unsigned char> endplate;
    // Pauses of the injection: (injected volume [m^3], duration [s]).
    std::vector<std::pair<double, double>> pauses;
    unsigned int                           next_pause = 0;
    double              pause_left = 0; // [s] of the current pause
    std::vector<double> arrival_time;   // per owned cell [s], -1 if none
    // Per owned cell, the saturation at the last pressure solve; whether the
    // face fluxes are those of the current pressure already.
    std::vector<double>                            saturation_at_pressure;
    bool                                           fluxes_are_current = false;
    double                                         max_tip_pressure   = 0;
    unsigned int                                   last_pressure_iterations = 0;
    unsigned int                                   last_flux_iterations     = 0;
    unsigned int                                   last_transport_sweeps    = 0;
    Postprocess::TimeSeries                        statistics;
    std::unique_ptr<Postprocess::SolutionWriter>   solution_writer;
    std::unique_ptr<Postprocess::TimeSeriesRecord> exit_series;

    // Last, so that an input error found while the members above are made
    // (a corrupt image, say) does not pass a live timer, whose destructor
    // would print deal.II's warning about an uncaught exception.
    mutable dealii::TimerOutput timer;
  };
} // namespace cementflow

#endif
