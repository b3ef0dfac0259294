#include "atomic_file.h"
#include "boundary_ids.h"
#include "errors.h"
#include "parameter_tools.h"
#include "run_log.h"
#include "simulator.h"
#include "solution_writer.h"
#include "surface_writer.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // The output folder must exist before the log opens in it.
    std::unique_ptr<Postprocess::RunLog> open_log(const std::string &directory,
                                                  const MPI_Comm communicator,
                                                  const bool     to_screen)
    {
      // Rank 0 makes the folder and tries a file in it; every rank learns
      // what went wrong, so that all stop with the same input error.
      const bool  is_root = Utilities::MPI::this_mpi_process(communicator) == 0;
      std::string problem;
      if (is_root)
        {
          try
            {
              Postprocess::create_directories(directory);
              const std::string probe = directory + "/.cementflow-write-test";
              if (!std::ofstream(probe))
                problem = "the folder exists but no file can be written "
                          "in it";
              std::error_code ignored;
              std::filesystem::remove(probe, ignored);
            }
          catch (const std::exception &error)
            {
              problem = error.what();
            }
        }
      problem = Utilities::MPI::broadcast(communicator, problem, 0);
      if (!problem.empty())
        throw InputError("Output/Directory (or --output) <" + directory +
                         ">: " + problem +
                         ". Give a folder that can be created and written "
                         "to.");
      return std::make_unique<Postprocess::RunLog>(
        is_root ? directory + "/log.txt" : std::string(), to_screen);
    }



    // The permeability tensor: transverse in x and y, axial along z.
    Tensor<2, 3> permeability_tensor(const double transverse,
                                     const double axial)
    {
      Tensor<2, 3> k;
      k[0][0] = transverse;
      k[1][1] = transverse;
      k[2][2] = axial;
      return k;
    }



    // The cannula: a uniform tube, or a wider proximal section and the
    // distal rest.
    Physics::Cannula make_cannula(const Meshes::NeedleParameters &needle)
    {
      const double distal_radius = needle.effective_inner_diameter() / 2;
      if (needle.proximal_length == 0)
        return Physics::Cannula({{needle.length, distal_radius}});
      return Physics::Cannula(
        {{needle.proximal_length, needle.proximal_inner_diameter / 2},
         {needle.length - needle.proximal_length, distal_radius}});
    }



    std::string millimetres(const Point<3> &point)
    {
      return "(" + ParameterTools::point_to_string(point * 1e3) + ") mm";
    }
  } // namespace



  Simulator::Simulator(const CaseParameters &parameters,
                       const std::string    &expanded_parameters,
                       const MPI_Comm        communicator,
                       const bool            echo_to_screen)
    : parameters(parameters)
    , expanded_parameters(expanded_parameters)
    , communicator(communicator)
    , n_ranks(Utilities::MPI::n_mpi_processes(communicator))
    , this_rank(Utilities::MPI::this_mpi_process(communicator))
    , log(open_log(parameters.output.directory, communicator, echo_to_screen))
    , pcout(*log, this_rank == 0)
    , bone_permeability(parameters.bone)
    , relative_permeability(parameters.relative_permeability)
    , ct_intensity(read_ct_intensity(parameters.geometry))
    , regions(parameters.lesions,
              parameters.conduits,
              parameters.heterogeneity,
              parameters.bone.porosity,
              imaged_porosity())
    , cement(parameters.fluids.cement, parameters.fluids.curing)
    , marrow(parameters.fluids.marrow)
    , cement_shear_factor(
        Physics::pore_shear_rate_factor(parameters.fluids.pore_shear_rate,
                                        cement.rheology().flow_index()))
    , marrow_shear_factor(
        Physics::pore_shear_rate_factor(parameters.fluids.pore_shear_rate,
                                        marrow.flow_index()))
    , cannula(make_cannula(parameters.needle))
    , circulation(parameters.circulation, cement, communicator)
    , heat(parameters.heat, parameters.fluids.curing, communicator)
    , system_scale(
        parameters.fluids.marrow.viscosity /
        (parameters.bone.axial_permeability * parameters.geometry.cell_size))
    , triangulation(communicator)
    , pressure_fe(1)
    , pressure_dof_handler(triangulation)
    , pressure_solver("pressure",
                      parameters.numerics.preconditioner,
                      communicator)
    , cell_fe(0)
    , cell_dof_handler(triangulation)
    , correction_solver("flux",
                        parameters.numerics.preconditioner,
                        communicator)
    , time_step_control(parameters.numerics.adaptive_time_steps,
                        {parameters.numerics.target_saturation_change,
                         parameters.numerics.target_exit_saturation_change,
                         Numerics::StepTargets().leak,
                         parameters.numerics.target_viscosity_change,
                         Numerics::StepTargets().growth},
                        parameters.numerics.adaptive_time_steps ?
                          parameters.numerics.first_volume_per_step :
                          parameters.numerics.volume_per_step,
                        parameters.numerics.largest_volume_per_step)
    , timer(communicator, pcout, TimerOutput::never, TimerOutput::wall_times)
  {}



  std::shared_ptr<const Meshes::Image>
  Simulator::read_ct_intensity(const Meshes::GeometryParameters &geometry)
  {
    if (geometry.type != "CT image")
      return nullptr;
    try
      {
        return std::make_shared<const Meshes::Image>(
          Meshes::Image::read(geometry.ct.intensity_file));
      }
    catch (const ExceptionBase &error)
      {
        throw InputError(error);
      }
  }



  std::function<double(const Point<3> &, double)>
  Simulator::imaged_porosity() const
  {
    if (!ct_intensity)
      return {};
    const std::shared_ptr<const Meshes::Image> image = ct_intensity;
    const Meshes::CtParameters                 ct    = parameters.geometry.ct;
    return [image, ct](const Point<3> &center, const double cell_size) {
      return ct.porosity(image->mean_in_box(center, 0.5 * cell_size));
    };
  }



  Simulator::~Simulator()
  {
    // DoFHandlers must let go of the triangulation before it is destroyed.
    pressure_dof_handler.clear();
    cell_dof_handler.clear();
  }



  void Simulator::make_mesh(const std::string &checkpoint)
  {
    TimerOutput::Scope scope(timer, "setup: mesh");

    // Zones are marked on the coarse mesh, the same on every rank, before
    // it is distributed, so that refinement inherits them.
    Triangulation<3>          coarse;
    std::vector<unsigned int> n_zone_faces;
    try
      {
        Meshes::create_coarse_mesh(coarse,
                                   parameters.geometry,
                                   ct_intensity.get());
        n_zone_faces = Meshes::mark_exit_zones(coarse, parameters.exit_zones);
      }
    catch (const ExceptionBase &error)
      {
        throw InputError(error);
      }
    triangulation.copy_triangulation(coarse);
    // A checkpoint holds the refined mesh (made for any number of ranks).
    base_level = Meshes::n_initial_refinements(parameters.geometry);
    if (checkpoint.empty())
      triangulation.refine_global(base_level);
    else
      triangulation.load(checkpoint + "/mesh");

    pcout << "Mesh: " << parameters.geometry.type << ", "
          << triangulation.n_global_active_cells() << " cells on " << n_ranks
          << (n_ranks == 1 ? " rank" : " ranks") << std::endl;
    const Meshes::VertebralBodyParameters &body =
      parameters.geometry.vertebral_body;
    if (parameters.geometry.type == "vertebral body" && body.level != "custom")
      pcout << "  level " << body.level << ": " << body.width * 1e3
            << " mm wide, " << body.depth * 1e3 << " mm deep, "
            << body.anterior_height * 1e3 << "/" << body.posterior_height * 1e3
            << " mm anterior/posterior height (" << body.source << ")"
            << std::endl;
    if (parameters.geometry.type == "vertebral body" &&
        !body.approximation.empty())
      pcout << "  " << body.approximation << std::endl;

    // Zone areas, measured on the final mesh.
    std::vector<double> zone_area(parameters.exit_zones.zones.size(), 0.);
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() &&
              BoundaryIds::is_exit_zone(face->boundary_id()))
            zone_area[BoundaryIds::zone_index(face->boundary_id())] +=
              face->measure();
    Utilities::MPI::sum(zone_area, communicator, zone_area);
    for (unsigned int z = 0; z < zone_area.size(); ++z)
      {
        const Meshes::ExitZoneParameters &zone = parameters.exit_zones.zones[z];
        pcout << "  exit zone \"" << zone.name << "\" (" << zone.leak_class
              << ", " << zone.boundary_condition;
        if (zone.carries_flux())
          pcout << " at " << zone.pressure * 1e-3 << " kPa";
        if (zone.is_leaky())
          pcout << ", cortex " << zone.cortex_permeability << " m^2 over "
                << zone.cortex_thickness * 1e3 << " mm";
        pcout << "): " << zone_area[z] * 1e6 << " mm^2, " << n_zone_faces[z]
              << " coarse faces" << std::endl;
      }
  }



  void Simulator::setup_dofs()
  {
    TimerOutput::Scope scope(timer, "setup: dofs and matrices");

    pressure_dof_handler.distribute_dofs(pressure_fe);
    locally_owned_pressure_dofs = pressure_dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(pressure_dof_handler,
                                            locally_relevant_pressure_dofs);

    // The pressure system: the Q1 unknowns, then the pressures of the
    // veins' nodes, owned by the last rank (PETSc wants each rank's rows
    // contiguous and in rank order) and relevant to every rank.
    n_pressure_dofs = pressure_dof_handler.n_dofs();
    const types::global_dof_index n_system =
      n_pressure_dofs + circulation.n_unknowns();
    locally_owned_system.clear();
    locally_owned_system.set_size(n_system);
    locally_owned_system.add_indices(locally_owned_pressure_dofs);
    locally_relevant_system.clear();
    locally_relevant_system.set_size(n_system);
    locally_relevant_system.add_indices(locally_relevant_pressure_dofs);
    locally_relevant_system.add_range(n_pressure_dofs, n_system);
    if (this_rank + 1 == n_ranks)
      locally_owned_system.add_range(n_pressure_dofs, n_system);

    // Open exits hold the pressure of the vein or tissue behind them.
    pressure_constraints.clear();
    pressure_constraints.reinit(locally_relevant_system);
    DoFTools::make_hanging_node_constraints(pressure_dof_handler,
                                            pressure_constraints);
    for (unsigned int z = 0; z < parameters.exit_zones.zones.size(); ++z)
      if (parameters.exit_zones.zones[z].is_open())
        VectorTools::interpolate_boundary_values(
          pressure_dof_handler,
          BoundaryIds::exit_zone(z),
          Functions::ConstantFunction<3>(
            parameters.exit_zones.zones[z].pressure),
          pressure_constraints);
    pressure_constraints.close();

    pressure_rhs.reinit(locally_owned_system, communicator);
    pressure_solution.reinit(locally_owned_system, communicator);
    pressure.reinit(locally_owned_pressure_dofs,
                    locally_relevant_pressure_dofs,
                    communicator);

    // Start the first solve from the lowest outlet pressure.
    pressure_solution = lowest_outlet_pressure();
    circulation.initial_guess(pressure_solution, n_pressure_dofs);
    pressure_solution.compress(VectorOperation::insert);

    cell_dof_handler.distribute_dofs(cell_fe);
    locally_owned_cell_dofs = cell_dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(cell_dof_handler,
                                            locally_relevant_cell_dofs);
    saturation.reinit(locally_owned_cell_dofs,
                      locally_relevant_cell_dofs,
                      communicator);
    old_saturation.reinit(saturation);
    correction_potential.reinit(saturation);
    {
      DynamicSparsityPattern dsp(locally_relevant_cell_dofs);
      DoFTools::make_flux_sparsity_pattern(cell_dof_handler, dsp);
      SparsityTools::distribute_sparsity_pattern(dsp,
                                                 locally_owned_cell_dofs,
                                                 communicator,
                                                 locally_relevant_cell_dofs);
      correction_matrix.reinit(locally_owned_cell_dofs,
                               locally_owned_cell_dofs,
                               dsp,
                               communicator);
    }
    correction_rhs.reinit(locally_owned_cell_dofs, communicator);
    correction_solution.reinit(locally_owned_cell_dofs, communicator);


    pcout << "  unknowns: " << pressure_dof_handler.n_dofs() << " pressure, "
          << cell_dof_handler.n_dofs() << " saturation";
    if (circulation.has_veins())
      pcout << ", " << circulation.n_unknowns() << " vein node pressures";
    pcout << std::endl;
  }



  void Simulator::setup_pressure_matrix()
  {
    TimerOutput::Scope scope(timer, "setup: dofs and matrices");
    // The Q1 pattern, then the veins' rows and their couplings to the cells
    // around them (the Q1 part alone first: deal.II's pattern builder wants
    // a pattern of the DoFHandler's size).
    DynamicSparsityPattern q1(locally_relevant_pressure_dofs);
    DoFTools::make_sparsity_pattern(pressure_dof_handler,
                                    q1,
                                    pressure_constraints,
                                    false);
    DynamicSparsityPattern dsp(locally_owned_system.size(),
                               locally_owned_system.size(),
                               locally_relevant_system);
    for (const types::global_dof_index row : locally_relevant_pressure_dofs)
      for (auto entry = q1.begin(row); entry != q1.end(row); ++entry)
        dsp.add(row, entry->column());
    circulation.add_sparsity(dsp,
                             cells,
                             n_owned_cells,
                             pressure_constraints,
                             this_rank + 1 == n_ranks);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               locally_owned_system,
                                               communicator,
                                               locally_relevant_system);
    pressure_matrix.reinit(locally_owned_system,
                           locally_owned_system,
                           dsp,
                           communicator);
  }



  double Simulator::lowest_outlet_pressure() const
  {
    double lowest = std::numeric_limits<double>::max();
    for (const Meshes::ExitZoneParameters &zone : parameters.exit_zones.zones)
      if (zone.carries_flux())
        lowest = std::min(lowest, zone.pressure);
    if (circulation.has_veins())
      lowest = std::min(lowest, parameters.circulation.plexus.base_pressure());
    return lowest;
  }



  RobinFace
  Simulator::robin_face(const unsigned int                         face,
                        const unsigned int                         zone,
                        const DoFHandler<3>::active_cell_iterator &cell,
                        const unsigned int face_number) const
  {
    const Meshes::ExitZoneParameters &parameters_of_zone =
      parameters.exit_zones.zones[zone];
    RobinFace       robin{face,
                    parameters_of_zone.cortex_permeability /
                      parameters_of_zone.cortex_thickness,
                    parameters_of_zone.pressure,
                    {},
                    {}};
    const QGauss<2> quadrature(2);
    FEFaceValues<3> values(pressure_fe,
                           quadrature,
                           update_values | update_JxW_values);
    values.reinit(cell, face_number);
    for (unsigned int q = 0; q < quadrature.size(); ++q)
      for (unsigned int i = 0; i < 8; ++i)
        {
          robin.load[i] += values.shape_value(i, q) * values.JxW(q);
          for (unsigned int j = 0; j < 8; ++j)
            robin.mass[i * 8 + j] += robin.transmissibility *
                                     values.shape_value(i, q) *
                                     values.shape_value(j, q) * values.JxW(q);
        }
    return robin;
  }



  void Simulator::warn_about_closed_channels() const
  {
    // A vein that ends at no exit face fills up and stops: almost always a
    // zone patch that misses the vein's end on a coarse mesh.
    const unsigned int first_channel = 1 + parameters.lesions.lesions.size();
    const unsigned int n_channels    = parameters.conduits.channels.size();
    std::vector<unsigned int> exit_faces(n_channels, 0);
    for (const FaceInfo &face : faces)
      if (face.zone != numbers::invalid_unsigned_int)
        {
          const unsigned int region = cells[face.cells[0]].region_id;
          if (region >= first_channel && region < first_channel + n_channels)
            ++exit_faces[region - first_channel];
        }
    Utilities::MPI::sum(exit_faces, communicator, exit_faces);
    for (unsigned int i = 0; i < n_channels; ++i)
      if (exit_faces[i] == 0)
        pcout << "  Warning: the venous channel \""
              << parameters.conduits.channels[i].name
              << "\" reaches no open or leaky exit zone, so its cement cannot "
                 "leave the body: end it at a zone, and give the zone a "
                 "radius of at least a cell."
              << std::endl;
  }



  void Simulator::set_material(CellInfo &info) const
  {
    const auto &cell = info.pressure_cell;
    if (parameters.adaptive_mesh.levels == 0)
      {
        const Meshes::CellMaterial material =
          regions.material(info.center,
                           cell->diameter() / std::sqrt(3.),
                           cell->material_id());
        info.region_id               = material.region_id;
        info.porosity                = material.porosity();
        info.permeability_transverse = material.permeability(
          bone_permeability.transverse(material.matrix_porosity));
        info.permeability_axial = material.permeability(
          bone_permeability.axial(material.matrix_porosity));
        return;
      }

    // On an adaptive mesh a cell's material is the volume average over its
    // cells of the finest level, each evaluated at its centre: a parent's
    // pore volume is then the sum of its children's, so moving cement
    // between levels conserves its volume. The points and volumes come
    // from the cell's ancestor on the initial mesh (the trilinear map that
    // refinement halves), identically at every level.
    auto ancestor = typename Triangulation<3>::cell_iterator(cell);
    std::array<unsigned int, 3> offset = {{0, 0, 0}};
    unsigned int                span   = 1; // finest cells per ancestor edge
    while (static_cast<unsigned int>(ancestor->level()) > base_level)
      {
        const auto   parent = ancestor->parent();
        unsigned int child  = 0;
        while (parent->child(child) != ancestor)
          ++child;
        // deal.II numbers the children of a hexahedron lexicographically.
        for (unsigned int d = 0; d < 3; ++d)
          offset[d] += ((child >> d) & 1) * span;
        span *= 2;
        ancestor = parent;
      }
    const unsigned int per_cell = 1u << (finest_level() - cell->level());
    const unsigned int total    = span * per_cell;
    for (unsigned int d = 0; d < 3; ++d)
      offset[d] *= per_cell;

    std::array<Point<3>, 8> vertices;
    for (unsigned int v = 0; v < 8; ++v)
      vertices[v] = ancestor->vertex(v);
    // The trilinear map of the ancestor and the determinant of its
    // Jacobian at unit point (x, y, z).
    const auto map = [&vertices](const Point<3> &unit, double &jacobian) {
      Point<3>     point;
      Tensor<2, 3> derivative;
      for (unsigned int v = 0; v < 8; ++v)
        {
          double       weight = 1;
          Tensor<1, 3> gradient;
          for (unsigned int d = 0; d < 3; ++d)
            {
              const bool   upper  = (v >> d) & 1;
              const double factor = upper ? unit[d] : 1 - unit[d];
              weight *= factor;
            }
          for (unsigned int d = 0; d < 3; ++d)
            {
              gradient[d] = (((v >> d) & 1) ? 1. : -1.);
              for (unsigned int e = 0; e < 3; ++e)
                if (e != d)
                  gradient[d] *= ((v >> e) & 1) ? unit[e] : 1 - unit[e];
            }
          point += weight * vertices[v];
          for (unsigned int i = 0; i < 3; ++i)
            for (unsigned int j = 0; j < 3; ++j)
              derivative[i][j] += vertices[v][i] * gradient[j];
        }
      jacobian = determinant(derivative);
      return point;
    };

    // Two Gauss points per direction integrate the trilinear map's volume
    // exactly.
    const double gauss[2] = {0.5 - 0.5 / std::sqrt(3.),
                             0.5 + 0.5 / std::sqrt(3.)};
    const double h        = 1. / total;
    const double size     = ancestor->diameter() / total / std::sqrt(3.);
    double       volume = 0, pore_volume = 0, transverse = 0, axial = 0;
    std::map<unsigned int, double> region_volume;
    for (unsigned int k = 0; k < per_cell; ++k)
      for (unsigned int j = 0; j < per_cell; ++j)
        for (unsigned int i = 0; i < per_cell; ++i)
          {
            const std::array<unsigned int, 3> index = {
              {offset[0] + i, offset[1] + j, offset[2] + k}};
            double sub_volume = 0, unused = 0;
            for (unsigned int q = 0; q < 8; ++q)
              {
                Point<3> unit;
                for (unsigned int d = 0; d < 3; ++d)
                  unit[d] = (index[d] + gauss[(q >> d) & 1]) * h;
                double jacobian = 0;
                map(unit, jacobian);
                sub_volume += jacobian * h * h * h / 8;
              }
            Point<3> unit_centre;
            for (unsigned int d = 0; d < 3; ++d)
              unit_centre[d] = (index[d] + 0.5) * h;
            const Meshes::CellMaterial material =
              regions.material(map(unit_centre, unused),
                               size,
                               cell->material_id());
            volume += sub_volume;
            pore_volume += material.porosity() * sub_volume;
            transverse += material.permeability(bone_permeability.transverse(
                            material.matrix_porosity)) *
                          sub_volume;
            axial += material.permeability(
                       bone_permeability.axial(material.matrix_porosity)) *
                     sub_volume;
            region_volume[material.region_id] += sub_volume;
          }
    info.porosity                = pore_volume / volume;
    info.permeability_transverse = transverse / volume;
    info.permeability_axial      = axial / volume;
    info.region_id               = std::max_element(region_volume.begin(),
                                      region_volume.end(),
                                      [](const auto &a, const auto &b) {
                                        return a.second < b.second;
                                      })
                       ->first;
  }



  void Simulator::setup_cells_and_faces()
  {
    TimerOutput::Scope scope(timer, "setup: cell and face operators");

    // Owned cells first, then ghosts.
    cells.clear();
    active_to_cell.assign(triangulation.n_active_cells(),
                          numbers::invalid_unsigned_int);
    for (const bool owned_pass : {true, false})
      for (const auto &cell : pressure_dof_handler.active_cell_iterators())
        if ((owned_pass && cell->is_locally_owned()) ||
            (!owned_pass && cell->is_ghost()))
          {
            CellInfo info;
            info.pressure_cell   = cell;
            info.saturation_cell = DoFHandler<3>::active_cell_iterator(
              &triangulation, cell->level(), cell->index(), &cell_dof_handler);
            info.is_owned = owned_pass;
            std::vector<types::global_dof_index> dofs(8);
            cell->get_dof_indices(dofs);
            for (unsigned int j = 0; j < 8; ++j)
              info.pressure_indices[j] =
                pressure.get_partitioner()->global_to_local(dofs[j]);
            std::vector<types::global_dof_index> cell_dof(1);
            info.saturation_cell->get_dof_indices(cell_dof);
            info.saturation_index =
              saturation.get_partitioner()->global_to_local(cell_dof[0]);
            info.center = cell->center();
            // On an adaptive mesh, a cell that stayed keeps its material:
            // averaging over the finest level costs up to 64 evaluations.
            const auto known = material_cache.find(cell->id());
            if (known != material_cache.end())
              {
                info.porosity                = known->second.porosity;
                info.permeability_transverse = known->second.transverse;
                info.permeability_axial      = known->second.axial;
                info.region_id               = known->second.region_id;
              }
            else
              set_material(info);
            active_to_cell[cell->active_cell_index()] = cells.size();
            cells.push_back(info);
          }
    material_cache.clear();
    if (parameters.adaptive_mesh.levels > 0)
      for (const CellInfo &info : cells)
        material_cache.emplace(info.pressure_cell->id(),
                               CachedMaterial{info.porosity,
                                              info.permeability_transverse,
                                              info.permeability_axial,
                                              info.region_id});
    n_owned_cells = 0;
    while (n_owned_cells < cells.size() && cells[n_owned_cells].is_owned)
      ++n_owned_cells;

    const auto permeability = [this](const CellInfo &cell) {
      return permeability_tensor(cell.permeability_transverse,
                                 cell.permeability_axial);
    };

    // Cell volumes and the Q1 stiffness with the permeability but without
    // the mobility, which changes every step (on ghost cells too, for the
    // flux reconstruction).
    const QGauss<3> quadrature(2);
    FEValues<3>     fe_values(pressure_fe,
                          quadrature,
                          update_gradients | update_JxW_values);
    cell_stiffness.assign(cells.size(), std::array<double, 64>());
    cell_pressure_dofs.resize(n_owned_cells);
    cell_is_constrained.assign(n_owned_cells, false);
    std::vector<types::global_dof_index> cell_dofs(8);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        cells[c].pressure_cell->get_dof_indices(cell_dofs);
        for (unsigned int j = 0; j < 8; ++j)
          {
            cell_pressure_dofs[c][j] = static_cast<PetscInt>(cell_dofs[j]);
            if (pressure_constraints.is_constrained(cell_dofs[j]))
              cell_is_constrained[c] = true;
          }
      }
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        fe_values.reinit(cells[c].pressure_cell);
        const Tensor<2, 3> k = permeability(cells[c]);
        cells[c].volume      = 0;
        for (unsigned int q = 0; q < quadrature.size(); ++q)
          {
            cells[c].volume += fe_values.JxW(q);
            for (unsigned int i = 0; i < 8; ++i)
              for (unsigned int j = 0; j < 8; ++j)
                cell_stiffness[c][i * 8 + j] += fe_values.shape_grad(i, q) * k *
                                                fe_values.shape_grad(j, q) *
                                                fe_values.JxW(q);
          }
      }

    // Faces through which fluid passes: interior faces of owned cells and
    // faces on open exits. Closed cortex and closed zones carry no flux.
    // Where a cell meets finer neighbours, each of their faces is one face
    // here, a subface on the coarse side.
    const QGauss<2>   face_quadrature(2);
    const UpdateFlags face_flags =
      update_gradients | update_normal_vectors | update_JxW_values;
    FEFaceValues<3>    face_values(pressure_fe, face_quadrature, face_flags);
    FESubfaceValues<3> subface_values(pressure_fe, face_quadrature, face_flags);
    faces.clear();
    robin_faces.clear();
    cell_faces.assign(n_owned_cells, {});
    ghost_downstream.assign(cells.size() - n_owned_cells, {});

    // One side of a face: a cell, its face number and, on the coarse side
    // of a hanging face, the subface.
    struct Side
    {
      unsigned int cell;
      unsigned int face_number;
      unsigned int subface = numbers::invalid_unsigned_int;
    };
    const auto add_face = [&](std::array<Side, 2> sides,
                              const unsigned int  zone) {
      FaceInfo face;
      face.zone  = zone;
      face.robin = numbers::invalid_unsigned_int;
      face.flux  = 0;
      // Orient every interior face from the cell with the smaller id, so
      // that all ranks compute it alike.
      if (sides[1].cell != numbers::invalid_unsigned_int &&
          cells[sides[1].cell].pressure_cell->id() <
            cells[sides[0].cell].pressure_cell->id())
        std::swap(sides[0], sides[1]);
      face.cells = {{sides[0].cell, sides[1].cell}};

      Tensor<1, 3> mean_normal;
      for (unsigned int side = 0; side < 2; ++side)
        {
          if (face.cells[side] == numbers::invalid_unsigned_int)
            continue;
          const CellInfo        &info   = cells[face.cells[side]];
          const FEValuesBase<3> *values = nullptr;
          if (sides[side].subface == numbers::invalid_unsigned_int)
            {
              face_values.reinit(info.pressure_cell, sides[side].face_number);
              values = &face_values;
            }
          else
            {
              subface_values.reinit(info.pressure_cell,
                                    sides[side].face_number,
                                    sides[side].subface);
              values = &subface_values;
            }
          const Tensor<2, 3> k = permeability(info);
          face.flux_operator[side].fill(0.);
          double       area = 0;
          Tensor<1, 3> normal;
          for (unsigned int q = 0; q < face_quadrature.size(); ++q)
            {
              area += values->JxW(q);
              normal += values->normal_vector(q) * values->JxW(q);
              for (unsigned int j = 0; j < 8; ++j)
                face.flux_operator[side][j] -= (k * values->shape_grad(j, q)) *
                                               values->normal_vector(q) *
                                               values->JxW(q);
            }
          if (side == 0)
            {
              face.area        = area;
              mean_normal      = normal / normal.norm();
              face.normal      = mean_normal;
              face.face_number = sides[0].face_number;
            }
        }
      // The centre of the whole face: on the fine side of a hanging face.
      const Side &whole =
        sides[0].subface == numbers::invalid_unsigned_int ? sides[0] : sides[1];
      face.center =
        cells[whole.cell].pressure_cell->face(whole.face_number)->center();
      for (unsigned int side = 0; side < 2; ++side)
        {
          if (face.cells[side] == numbers::invalid_unsigned_int)
            {
              face.distance[side]            = 0;
              face.normal_permeability[side] = 0;
              continue;
            }
          const CellInfo &info = cells[face.cells[side]];
          face.distance[side] =
            std::abs((face.center - info.center) * mean_normal);
          face.normal_permeability[side] =
            mean_normal * (permeability(info) * mean_normal);
        }

      const unsigned int index = faces.size();
      if (face.zone != numbers::invalid_unsigned_int &&
          parameters.exit_zones.zones[face.zone].is_leaky())
        {
          face.robin = robin_faces.size();
          robin_faces.push_back(robin_face(index,
                                           face.zone,
                                           cells[face.cells[0]].pressure_cell,
                                           sides[0].face_number));
        }
      faces.push_back(face);
      for (unsigned int side = 0; side < 2; ++side)
        if (face.cells[side] != numbers::invalid_unsigned_int &&
            face.cells[side] >= n_owned_cells)
          ghost_downstream[face.cells[side] - n_owned_cells].push_back(
            face.cells[1 - side]);
      for (unsigned int side = 0; side < 2; ++side)
        if (face.cells[side] < n_owned_cells)
          cell_faces[face.cells[side]].emplace_back(index, side == 0 ? 1 : -1);
    };

    // Each face once per rank: between owned cells of one level from the
    // smaller id, across a level change from the fine side if it is owned,
    // else from the coarse side.
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const auto &cell = cells[c].pressure_cell;
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f))
            {
              const types::boundary_id id = cell->face(f)->boundary_id();
              if (BoundaryIds::is_exit_zone(id) &&
                  parameters.exit_zones.zones[BoundaryIds::zone_index(id)]
                    .carries_flux())
                add_face({{Side{c, f}, Side{numbers::invalid_unsigned_int, 0}}},
                         BoundaryIds::zone_index(id));
            }
          else if (cell->face(f)->has_children())
            {
              const unsigned int neighbor_face = cell->neighbor_of_neighbor(f);
              for (unsigned int sf = 0; sf < cell->face(f)->n_children(); ++sf)
                {
                  const auto finer = cell->neighbor_child_on_subface(f, sf);
                  if (finer->is_locally_owned())
                    continue;
                  add_face({{Side{c, f, sf},
                             Side{active_to_cell[finer->active_cell_index()],
                                  neighbor_face}}},
                           numbers::invalid_unsigned_int);
                }
            }
          else if (cell->neighbor_is_coarser(f))
            {
              const auto coarser = cell->neighbor(f);
              const std::pair<unsigned int, unsigned int> position =
                cell->neighbor_of_coarser_neighbor(f);
              add_face({{Side{c, f},
                         Side{active_to_cell[coarser->active_cell_index()],
                              position.first,
                              position.second}}},
                       numbers::invalid_unsigned_int);
            }
          else
            {
              const auto neighbor = cell->neighbor(f);
              if (neighbor->is_locally_owned() &&
                  !(cell->id() < neighbor->id()))
                continue;
              add_face({{Side{c, f},
                         Side{active_to_cell[neighbor->active_cell_index()],
                              cell->neighbor_of_neighbor(f)}}},
                       numbers::invalid_unsigned_int);
            }
      }
    face_transmissibility.assign(faces.size(), 0.);
    total_mobility.assign(cells.size(), 0.);
    // Until the first pressure solve the fluids are at rest.
    cement_viscosity.assign(cells.size(), cement.viscosity(0., 1.));
    marrow_viscosity.assign(cells.size(), marrow.viscosity(0.));
    cement_shear_rate.assign(cells.size(), 0.);
    compute_centre_gradients();
    // Conforming meshes get their conservative fluxes from vertex patches;
    // meshes with hanging nodes from the global correction.
    use_patch_fluxes =
      parameters.numerics.conservative_fluxes == "vertex patches" &&
      !triangulation.has_hanging_nodes();
    if (use_patch_fluxes)
      patch_fluxes.reinit(
        cells, n_owned_cells, active_to_cell, faces, parameters.exit_zones);
    arrival_time.assign(n_owned_cells, -1.);
    saturation_at_pressure.assign(n_owned_cells, 0.);
    warn_about_closed_channels();
  }



  std::map<unsigned int, std::array<double, 8>>
  Simulator::source_ball(const Point<3> &tip, const std::string &tip_name) const
  {
    const double radius = parameters.needle.effective_source_radius();

    // Is the tip inside the bone at all? A tip on a vertex or face (round
    // numbers often are) counts, up to roundoff in the unit cell. Among the
    // cells that hold it, the one with the smallest CellId (the same on
    // every rank) takes a point source if the ball is too small to see.
    const MappingQ1<3> mapping;
    const auto         holds_tip = [&](const unsigned int c) {
      if (!cells[c].pressure_cell->bounding_box().point_inside(tip, 1e-9))
        return false;
      try
        {
          const Point<3> unit =
            mapping.transform_real_to_unit_cell(cells[c].pressure_cell, tip);
          return GeometryInfo<3>::is_inside_unit_cell(unit, 1e-9);
        }
      catch (const Mapping<3>::ExcTransformationFailed &)
        {
          return false;
        }
    };
    std::string tip_cell_id;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      if (holds_tip(c))
        {
          const std::string id = cells[c].pressure_cell->id().to_string();
          if (tip_cell_id.empty() || id < tip_cell_id)
            tip_cell_id = id;
        }
    std::string first_id;
    for (const std::string &id :
         Utilities::MPI::all_gather(communicator, tip_cell_id))
      if (!id.empty() && (first_id.empty() || id < first_id))
        first_id = id;
    if (first_id.empty())
      {
        const BoundingBox<3> box =
          GridTools::compute_bounding_box(triangulation);
        throw InputError(
          "Needle/" + tip_name + " " + millimetres(tip) +
          " lies outside the bone. The tip must be inside the meshed body, "
          "whose bounding box spans " +
          millimetres(box.get_boundary_points().first) + " to " +
          millimetres(box.get_boundary_points().second) + ".");
      }

    // Spread the injection uniformly over the ball around the tip, with a
    // fine quadrature on the cells near it; ghost cells get their weights
    // too (the flux reconstruction balances them), the volume counts the
    // owned ones.
    const QIterated<3>                            quadrature(QMidpoint<1>(), 6);
    FEValues<3>                                   fe_values(pressure_fe,
                          quadrature,
                          update_values | update_quadrature_points |
                            update_JxW_values);
    std::map<unsigned int, std::array<double, 8>> weights_of_cells;
    double                                        ball_volume = 0;
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        const auto &cell = cells[c].pressure_cell;
        if (cells[c].center.distance(tip) > radius + cell->diameter())
          continue;
        fe_values.reinit(cell);
        std::array<double, 8> weights{};
        double                volume = 0;
        for (unsigned int q = 0; q < quadrature.size(); ++q)
          if (fe_values.quadrature_point(q).distance(tip) <= radius)
            {
              volume += fe_values.JxW(q);
              for (unsigned int j = 0; j < 8; ++j)
                weights[j] += fe_values.shape_value(j, q) * fe_values.JxW(q);
            }
        if (volume > 0)
          {
            weights_of_cells[c] = weights;
            if (c < n_owned_cells)
              ball_volume += volume;
          }
      }
    ball_volume = Utilities::MPI::sum(ball_volume, communicator);

    const double exact_ball_volume =
      4. / 3. * numbers::PI * std::pow(radius, 3);
    if (ball_volume == 0)
      {
        // A ball smaller than the quadrature spacing: a point source in the
        // cell that holds the tip.
        for (unsigned int c = 0; c < cells.size(); ++c)
          if (cells[c].pressure_cell->id().to_string() == first_id)
            {
              const Point<3> unit =
                mapping.transform_real_to_unit_cell(cells[c].pressure_cell,
                                                    tip);
              std::array<double, 8> weights{};
              for (unsigned int j = 0; j < 8; ++j)
                weights[j] = pressure_fe.shape_value(j, unit);
              weights_of_cells[c] = weights;
            }
        ball_volume = 1;
      }
    else if (ball_volume < 0.5 * exact_ball_volume)
      throw InputError(
        "Needle/" + tip_name + " " + millimetres(tip) +
        " is too close to the bone surface: "
        "less than half of the source ball (radius " +
        std::to_string(radius * 1e3) +
        " mm) lies inside the bone. Move the tip at least the source radius "
        "away from the surface.");

    for (auto &[c, weights] : weights_of_cells)
      for (double &w : weights)
        w /= ball_volume;
    return weights_of_cells;
  }



  void Simulator::setup_needle_source()
  {
    TimerOutput::Scope scope(timer, "setup: needle source");

    // Each needle injects an equal share; its own weights sum to one, for
    // its tip pressure.
    const auto needles = parameters.needle.trajectories();
    needle_weights.clear();
    source_weights.clear();
    source_share.assign(cells.size(), 0.);
    for (unsigned int n = 0; n < needles.size(); ++n)
      {
        needle_weights.push_back(
          source_ball(needles[n].second, n == 0 ? "Tip" : "Second tip"));
        for (const auto &[c, weights] : needle_weights.back())
          {
            std::array<double, 8> &sum = source_weights[c];
            for (unsigned int j = 0; j < 8; ++j)
              {
                sum[j] += weights[j] / needles.size();
                source_share[c] += weights[j] / needles.size();
              }
          }
        pcout << "Needle: " << parameters.needle.gauge << ", tip at "
              << millimetres(needles[n].second) << ", source radius "
              << parameters.needle.effective_source_radius() * 1e3 << " mm"
              << (needles.size() > 1 ? ", half of the rate" : "") << std::endl;
      }
  }
} // namespace cementflow
