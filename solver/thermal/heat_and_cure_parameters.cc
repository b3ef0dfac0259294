#include "thermal/heat_and_cure_parameters.h"

#include <deal.II/base/exceptions.h>

namespace cementflow
{
  namespace Thermal
  {
    using namespace dealii;
    using Physics::zero_celsius;


    void HeatAndCureParameters::declare_cement_properties(ParameterHandler &prm)
    {
      prm.enter_subsection("Heat and cure");
      {
        prm.declare_entry(
          "Kinetics",
          "borzacchiello 1998 listing 1",
          Patterns::Selection(Physics::cure_kinetics_set_names()),
          "The autocatalytic cure law's parameter set (physics-reference.md "
          "16.2; benchmarks/cure_kinetics compares them with measured "
          "setting times). Units: none.");
        prm.declare_entry(
          "Heat of reaction",
          "0",
          Patterns::Double(0, 544),
          "Heat released per gram of cement over the whole cure; 0 takes the "
          "kinetics set's own: 100 J/g (Borzacchiello listing 1, Li 2003) or "
          "123 J/g (listing 2), the values of the published models; the "
          "monomer itself releases 544 J/g (Chavali 2003), and a cement is "
          "part powder (physics-reference.md 16.1). Units: J/g.");
        prm.declare_entry(
          "Cement specific heat",
          "1450",
          Patterns::Double(100, 5000),
          "Bulk PMMA 1260-1450 J/(kg K) (NIST; physics-reference.md 16.1). "
          "Published vertebroplasty models use 630, which doubles the "
          "adiabatic rise (benchmarks/cure_kinetics). Units: J/(kg K).");
        prm.declare_entry("Cement density",
                          "1180",
                          Patterns::Double(500, 3000),
                          "PMMA 1180-1190 kg/m^3 (physics-reference.md "
                          "16.1). Units: kg/m^3.");
        prm.declare_entry("Cement conductivity",
                          "0.18",
                          Patterns::Double(0.01, 10),
                          "PMMA 0.17-0.19 W/(m K) (physics-reference.md "
                          "16.1). Units: W/(m K).");
      }
      prm.leave_subsection();
    }



    void HeatAndCureParameters::declare(ParameterHandler &prm)
    {
      declare_cement_properties(prm);
      prm.enter_subsection("Heat and cure");
      {
        prm.declare_entry(
          "Enabled",
          "false",
          Patterns::Bool(),
          "Whether the run carries a temperature field and the cement's own "
          "degree of cure (docs/model.md, \"Heat and cure\"): the exotherm "
          "of the polymerisation, conduction, advection with the phases, "
          "Pennes exchange with blood; each cell's cement viscosity follows "
          "its cure and temperature. With Cement/Curing/Model = none that is "
          "the chemorheology law on the cure (Gel point, Gel exponents, "
          "Viscosity activation energy, Reference temperature); with another "
          "model, that model at the cement's equivalent age: the minutes "
          "after mixing at the Reference temperature that give the same "
          "cure. Units: none.");
        prm.declare_entry(
          "Syringe temperature",
          "23",
          Patterns::Double(-5, 45),
          "Temperature of the cement in the syringe from mixing on, and as "
          "it enters the bone. The published models start the cement at "
          "23 C (physics-reference.md 16.2); pre-cooled cement is at about "
          "4 C (Lai 2012). Units: C.");
        prm.declare_entry("Body temperature",
                          "37",
                          Patterns::Double(15, 42),
                          "Initial temperature of the bone, of the blood "
                          "perfusing it and beyond the exit zones: 37 C in "
                          "vivo and in Belkoff & Molloy's bath; bench tests "
                          "at room temperature use about 23 C. Units: C.");
        prm.declare_entry(
          "Bone tissue conductivity",
          "0.32",
          Patterns::Double(0.01, 10),
          "Of the trabecular tissue itself: COMSOL's bioheat library gives "
          "0.32 W/(m K) for bone; cancellous bone with its marrow measured "
          "0.29 (Clattenburg 1975), cortical 0.7-0.8 (physics-reference.md "
          "16.1). Units: W/(m K).");
        prm.declare_entry("Bone tissue heat capacity",
                          "2.505e6",
                          Patterns::Double(1e5, 1e7),
                          "Density times specific heat of the tissue: "
                          "1908 kg/m^3 x 1313 J/(kg K) (COMSOL's bone, "
                          "physics-reference.md 16.1). Units: J/(m^3 K).");
        prm.declare_entry(
          "Marrow conductivity",
          "0.21",
          Patterns::Double(0.01, 10),
          "Not found in our reference (physics-reference.md 16.1, gap): "
          "yellow marrow is mostly fat, so the default is COMSOL's fat; "
          "assumed range 0.2-0.6 W/(m K), fat to water. Units: W/(m K).");
        prm.declare_entry(
          "Marrow heat capacity",
          "2.139e6",
          Patterns::Double(1e5, 1e7),
          "Not found in our reference (gap): COMSOL's fat, 911 kg/m^3 x "
          "2348 J/(kg K); assumed range 2.1-4.2 MJ/(m^3 K), fat to water. "
          "Units: J/(m^3 K).");
        prm.declare_entry(
          "Blood heat capacity",
          "3.8e6",
          Patterns::Double(1e5, 1e7),
          "Density times specific heat of the perfusing blood, for the Pennes "
          "exchange. Not found in our reference (gap); assumed range "
          "3.6-4.2 MJ/(m^3 K). Units: J/(m^3 K).");
        prm.declare_entry(
          "Perfusion rate",
          "3e-3",
          Patterns::Double(0, 0.1),
          "Pennes blood perfusion of the marrow, volume of blood per volume "
          "of bone and second: 2.9-3.2e-3 1/s derived from the measured "
          "marrow blood flow (physics-reference.md 16.1, 14). Cement blocks "
          "it where it fills the pores; 0 models a bone in a bath without "
          "perfusion (Belkoff & Molloy 2003). Units: 1/s.");
        prm.declare_entry(
          "Marrow cooling",
          "bryant 1989",
          Patterns::Selection("bryant 1989|none"),
          "How the marrow's viscosity rises where the cement cools it: "
          "bryant 1989, bovine marrow 10 times more viscous at 35 C and 15 "
          "times at 30 C than at and above 37 C, log-linear between, held "
          "below 30 C where marrow turns solid (physics-reference.md 5.3, "
          "14); none keeps the 37 C viscosity. Units: none.");
        prm.declare_entry(
          "Damage tissue",
          "bone",
          Patterns::Selection("bone|skin"),
          "The Arrhenius damage parameters (physics-reference.md 16.4): "
          "bone (A = 1e98 1/s, E_a/R = 7.5e4 K, from a finite-element code) "
          "or skin (Henriques & Moritz); CEM43 is reported beside it. "
          "Units: none.");
      }
      prm.leave_subsection();
    }



    void HeatAndCureParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Heat and cure");
      {
        enabled  = prm.get_bool("Enabled");
        kinetics = Physics::cure_kinetics_set(prm.get("Kinetics"));
        if (const double heat = prm.get_double("Heat of reaction"); heat > 0)
          kinetics.heat_of_reaction = heat * 1e3; // [J/kg]
        damage = Physics::arrhenius_damage_set(prm.get("Damage tissue"));
        syringe_temperature =
          prm.get_double("Syringe temperature") + zero_celsius;
        body_temperature = prm.get_double("Body temperature") + zero_celsius;
        cement_density   = prm.get_double("Cement density");
        cement_heat_capacity =
          cement_density * prm.get_double("Cement specific heat");
        cement_conductivity  = prm.get_double("Cement conductivity");
        bone_conductivity    = prm.get_double("Bone tissue conductivity");
        bone_heat_capacity   = prm.get_double("Bone tissue heat capacity");
        marrow_conductivity  = prm.get_double("Marrow conductivity");
        marrow_heat_capacity = prm.get_double("Marrow heat capacity");
        blood_heat_capacity  = prm.get_double("Blood heat capacity");
        perfusion_rate       = prm.get_double("Perfusion rate");
        marrow_cooling       = prm.get("Marrow cooling") == "bryant 1989";
      }
      prm.leave_subsection();
    }
  } // namespace Thermal
} // namespace cementflow
