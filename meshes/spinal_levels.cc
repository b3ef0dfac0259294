#include "spinal_levels.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <array>
#include <iomanip>
#include <sstream>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      // Measured heights of T1-T12, mm: Kunkel et al. 2011, J Anat 219:375,
      // Table 2 (radiographic corner heights; physics-reference.md 13.1).
      struct ThoracicHeights
      {
        const char *level;
        double      anterior, posterior;
      };
      constexpr std::array<ThoracicHeights, 12> kunkel_2011 = {
        {{"T1", 14.49, 15.28},
         {"T2", 15.01, 16.11},
         {"T3", 15.65, 17.41},
         {"T4", 15.42, 18.15},
         {"T5", 15.84, 17.33},
         {"T6", 16.04, 18.22},
         {"T7", 15.94, 18.67},
         {"T8", 16.99, 20.05},
         {"T9", 18.26, 20.25},
         {"T10", 18.98, 20.35},
         {"T11", 19.60, 22.67},
         {"T12", 20.80, 23.12}}};

      // The typical thoracic vertebra (T2-T9, 200 dry bones, IJAPB 2015;
      // physics-reference.md 5.5): transverse width, AP depth, heights.
      constexpr double typical_thoracic_width            = 27.02;
      constexpr double typical_thoracic_depth            = 20.78;
      constexpr double typical_thoracic_anterior_height  = 17.17;
      constexpr double typical_thoracic_posterior_height = 18.27;

      // Lumbar L1-L5, mm: upper endplate width and heights of the
      // Bonczar 2024 meta-analysis (18 studies, n = 1481); L5 depth and
      // heights of Cook & Baker 2021 (CT, 196 patients), the only lumbar
      // depth in our reference (physics-reference.md 13.2, 5.5).
      struct LumbarRow
      {
        const char *level;
        double      width, anterior, posterior;
      };
      constexpr std::array<LumbarRow, 4> bonczar_2024 = {
        {{"L1", 41.09, 24.54, 26.57},
         {"L2", 42.98, 25.75, 27.02},
         {"L3", 44.82, 26.83, 26.67},
         {"L4", 47.50, 26.86, 25.76}}};
      constexpr double l5_width            = 48.81; // Bonczar 2024
      constexpr double l5_depth            = 35.7;  // Cook & Baker 2021
      constexpr double l5_anterior_height  = 30.3;  // Cook & Baker 2021
      constexpr double l5_posterior_height = 26.3;  // Cook & Baker 2021

      std::string three_digits(const double value)
      {
        std::ostringstream text;
        text << std::setprecision(3) << value;
        return text.str();
      }



      double mean_height_t2_to_t9()
      {
        double sum = 0;
        for (unsigned int i = 1; i <= 8; ++i)
          sum += kunkel_2011[i].anterior + kunkel_2011[i].posterior;
        return sum / 16.;
      }
    } // namespace



    double thoracic_size_factor(const double anterior_height,
                                const double posterior_height)
    {
      return 0.5 * (anterior_height + posterior_height) /
             mean_height_t2_to_t9();
    }



    double lumbar_depth_to_width_ratio()
    {
      return l5_depth / l5_width;
    }



    std::vector<std::string> spinal_levels()
    {
      std::vector<std::string> levels = {"thoracic"};
      for (const ThoracicHeights &row : kunkel_2011)
        levels.emplace_back(row.level);
      for (const LumbarRow &row : bonczar_2024)
        levels.emplace_back(row.level);
      levels.emplace_back("L5");
      return levels;
    }



    LevelDimensions level_dimensions(const std::string &level)
    {
      if (level == "thoracic")
        return {level,
                typical_thoracic_width,
                typical_thoracic_depth,
                typical_thoracic_anterior_height,
                typical_thoracic_posterior_height,
                "typical thoracic vertebra T2-T9, 200 dry bones (IJAPB 2015)",
                ""};

      for (const ThoracicHeights &row : kunkel_2011)
        if (level == row.level)
          {
            const double factor =
              thoracic_size_factor(row.anterior, row.posterior);
            return {level,
                    factor * typical_thoracic_width,
                    factor * typical_thoracic_depth,
                    row.anterior,
                    row.posterior,
                    "heights Kunkel et al. 2011 (J Anat 219:375, Table 2)",
                    "width and depth approximated: no per-level thoracic "
                    "widths or depths are in our reference, so the typical "
                    "thoracic vertebra's 27.02 x 20.78 mm are scaled by this "
                    "level's mean height over that of T2-T9 (x" +
                      three_digits(factor) + ")"};
          }

      for (const LumbarRow &row : bonczar_2024)
        if (level == row.level)
          return {level,
                  row.width,
                  row.width * lumbar_depth_to_width_ratio(),
                  row.anterior,
                  row.posterior,
                  "width and heights Bonczar 2024 (meta-analysis, n = 1481)",
                  "depth approximated: no lumbar depth but L5's is in our "
                  "reference, so the width times L5's depth-to-width ratio "
                  "35.7/48.81"};

      if (level == "L5")
        return {level,
                l5_width,
                l5_depth,
                l5_anterior_height,
                l5_posterior_height,
                "depth and heights Cook & Baker 2021 (Int J Spine Surg "
                "15:1072); width Bonczar 2024 (meta-analysis, n = 1481)",
                ""};

      std::string known;
      for (const std::string &name : spinal_levels())
        known += (known.empty() ? "" : ", ") + name;
      AssertThrow(false,
                  ExcMessage("Geometry/Vertebral body/Level: no level " +
                             level + " in the table; the levels are " + known +
                             ", or custom."));
      return {};
    }
  } // namespace Meshes
} // namespace cementflow
