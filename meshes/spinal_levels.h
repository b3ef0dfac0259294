#ifndef cementflow_meshes_spinal_levels_h
#define cementflow_meshes_spinal_levels_h

#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * The dimensions of the vertebral body at one spinal level, in mm, as
     * cementflow's level table gives them (physics-reference.md 5.5 and 13).
     * Where our reference has no measurement of a dimension, one stated rule
     * fills it in and `approximation` names the dimensions and the rule;
     * such numbers are never presented as data.
     */
    struct LevelDimensions
    {
      std::string level;
      double      width;
      double      depth;
      double      anterior_height;
      double      posterior_height;
      /** Where the measured dimensions come from. */
      std::string source;
      /** Empty when every dimension is measured. */
      std::string approximation;
    };

    /** "thoracic" (the typical T2-T9 vertebra), then T1 to L5. */
    std::vector<std::string> spinal_levels();

    /** The table's row of @p level; throws naming the levels there are. */
    LevelDimensions level_dimensions(const std::string &level);

    /**
     * The approximation rules, as the documentation states them: thoracic
     * width and depth are the typical thoracic vertebra's, scaled by the
     * level's mean height over the mean height of T2-T9; a lumbar depth is
     * the level's width times L5's depth-to-width ratio.
     */
    double thoracic_size_factor(const double anterior_height,
                                const double posterior_height);
    double lumbar_depth_to_width_ratio();
  } // namespace Meshes
} // namespace cementflow

#endif
