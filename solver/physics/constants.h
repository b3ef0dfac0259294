#ifndef cementflow_physics_constants_h
#define cementflow_physics_constants_h

namespace cementflow
{
  namespace Physics
  {
    constexpr double gas_constant = 8.314462618; // R [J/(mol K)]
    constexpr double zero_celsius = 273.15;      // 0 °C [K]
  }                                              // namespace Physics
} // namespace cementflow

#endif
