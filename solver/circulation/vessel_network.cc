#include "circulation/vessel_network.h"

#include "ct_image.h"
#include "errors.h"
#include "vein_file.h"

#include <deal.II/base/symmetric_tensor.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <queue>

namespace cementflow
{
  namespace Circulation
  {
    using namespace dealii;

    namespace
    {
      std::string millimetres(const Point<3> &p)
      {
        std::ostringstream text;
        text << "(" << p[0] * 1e3 << ", " << p[1] * 1e3 << ", " << p[2] * 1e3
             << ") mm";
        return text.str();
      }



      // For each ray (origin, unit direction), the first point where it
      // leaves the bone, within @p reach [m], to 1e-7 m; throws if it does
      // not. Collective.
      std::vector<Point<3>>
      surface_crossings(const std::vector<Point<3>>     &origins,
                        const std::vector<Tensor<1, 3>> &directions,
                        const std::vector<std::string>  &names,
                        const double                     reach,
                        const InsideTest                &inside)
      {
        const unsigned int    n_steps = 400;
        std::vector<Point<3>> probes;
        for (unsigned int r = 0; r < origins.size(); ++r)
          for (unsigned int k = 1; k <= n_steps; ++k)
            probes.push_back(origins[r] +
                             (reach * k / n_steps) * directions[r]);
        const std::vector<bool> is_inside = inside(probes);
        std::vector<double>     lower(origins.size()), upper(origins.size());
        for (unsigned int r = 0; r < origins.size(); ++r)
          {
            unsigned int k = 1;
            while (k <= n_steps && is_inside[r * n_steps + k - 1])
              ++k;
            if (k > n_steps)
              throw InputError("Veins/" + names[r] +
                               ": the line from its start towards its "
                               "foramen does not leave the bone within " +
                               std::to_string(reach * 1e3) +
                               " mm; put Foramen at or beyond the wall.");
            lower[r] = reach * (k - 1) / n_steps;
            upper[r] = reach * k / n_steps;
          }
        for (unsigned int iteration = 0; iteration < 40; ++iteration)
          {
            std::vector<Point<3>> middles;
            for (unsigned int r = 0; r < origins.size(); ++r)
              middles.push_back(origins[r] +
                                (0.5 * (lower[r] + upper[r])) * directions[r]);
            const std::vector<bool> middle_inside = inside(middles);
            for (unsigned int r = 0; r < origins.size(); ++r)
              (middle_inside[r] ? lower[r] : upper[r]) =
                0.5 * (lower[r] + upper[r]);
          }
        std::vector<Point<3>> crossings;
        for (unsigned int r = 0; r < origins.size(); ++r)
          crossings.push_back(origins[r] + upper[r] * directions[r]);
        return crossings;
      }
    } // namespace



    VesselNetwork::VesselNetwork(const std::vector<VeinPath> &paths,
                                 const double                 segment_length,
                                 const InsideTest            &inside)
    {
      // The paths' own points, joined where two coincide.
      std::map<std::array<long long, 3>, unsigned int> node_at;
      const auto key = [](const Point<3> &p) {
        // Points within about 1e-7 m are one.
        return std::array<long long, 3>{{std::llround(p[0] * 1e7),
                                         std::llround(p[1] * 1e7),
                                         std::llround(p[2] * 1e7)}};
      };
      const unsigned int invalid  = numbers::invalid_unsigned_int;
      const auto         add_node = [&](const Point<3> &p) {
        node_list.push_back({p, false, invalid, invalid});
        return static_cast<unsigned int>(node_list.size() - 1);
      };
      std::vector<std::vector<unsigned int>> path_ends(paths.size());
      for (unsigned int v = 0; v < paths.size(); ++v)
        {
          const VeinPath &path = paths[v];
          if (path.points.size() < 2 || path.radii.size() != path.points.size())
            throw InputError("The vein \"" + path.name +
                             "\" needs at least two points, each with a "
                             "radius.");
          vein_list.push_back({path.name, path.leak_class, path.plexus_offset});
          std::vector<unsigned int> ids;
          for (const Point<3> &p : path.points)
            {
              const auto found = node_at.find(key(p));
              ids.push_back(found != node_at.end() ?
                              found->second :
                              (node_at[key(p)] = add_node(p)));
            }
          // Split every edge into segments of at most segment_length.
          for (unsigned int i = 0; i + 1 < ids.size(); ++i)
            {
              const Point<3> a = path.points[i], b = path.points[i + 1];
              const double   length = a.distance(b);
              if (length <= 0)
                continue;
              const unsigned int n_pieces =
                std::max(1u,
                         static_cast<unsigned int>(
                           std::ceil(length / segment_length)));
              unsigned int previous = ids[i];
              for (unsigned int k = 1; k <= n_pieces; ++k)
                {
                  const double       t = double(k) / n_pieces;
                  const unsigned int next =
                    k == n_pieces ? ids[i + 1] : add_node(a + t * (b - a));
                  const double radius =
                    path.radii[i] +
                    (t - 0.5 / n_pieces) * (path.radii[i + 1] - path.radii[i]);
                  if (!(radius > 0))
                    throw InputError("The vein \"" + path.name +
                                     "\" has a radius that is not positive.");
                  segment_list.push_back(
                    {previous, next, radius, length / n_pieces, v, false});
                  previous = next;
                }
            }
          path_ends[v] = {ids.front(), ids.back()};
        }

      // Which nodes and segment middles lie in the bone.
      std::vector<Point<3>> points;
      for (const Node &node : node_list)
        points.push_back(node.position);
      for (const Segment &segment : segment_list)
        points.push_back(Point<3>(0.5 * (node_list[segment.from].position +
                                         node_list[segment.to].position)));
      const std::vector<bool> is_inside = inside(points);
      for (unsigned int n = 0; n < node_list.size(); ++n)
        node_list[n].in_bone = is_inside[n];
      for (unsigned int s = 0; s < segment_list.size(); ++s)
        segment_list[s].in_bone = is_inside[node_list.size() + s];

      // An end outside the bone that no other segment shares drains into
      // the plexus of its vein.
      std::vector<unsigned int> degree(node_list.size(), 0);
      for (const Segment &segment : segment_list)
        {
          ++degree[segment.from];
          ++degree[segment.to];
        }
      for (unsigned int v = 0; v < paths.size(); ++v)
        {
          bool touches_bone = false;
          for (const Segment &segment : segment_list)
            if (segment.vein == v && (node_list[segment.from].in_bone ||
                                      node_list[segment.to].in_bone))
              touches_bone = true;
          if (!touches_bone)
            throw InputError("The vein \"" + paths[v].name +
                             "\" does not pass through the bone (its first "
                             "point is " +
                             millimetres(paths[v].points.front()) +
                             "); check its coordinates and length unit.");
          unsigned int outlet = path_ends[v].back();
          for (const unsigned int end : path_ends[v])
            if (degree[end] == 1 && !node_list[end].in_bone)
              {
                node_list[end].plexus_vein = v;
                outlet                     = end;
              }
          for (unsigned int s = 0; s < segment_list.size(); ++s)
            if (segment_list[s].vein == v && (segment_list[s].to == outlet ||
                                              segment_list[s].from == outlet))
              {
                vein_list[v].outlet_segment = s;
                vein_list[v].outlet_sign =
                  segment_list[s].to == outlet ? 1 : -1;
              }
        }
      for (Node &node : node_list)
        if (node.plexus_vein == invalid)
          node.unknown = n_unknown_nodes++;
    }



    const std::vector<VesselNetwork::Node> &VesselNetwork::nodes() const
    {
      return node_list;
    }



    const std::vector<VesselNetwork::Segment> &VesselNetwork::segments() const
    {
      return segment_list;
    }



    const std::vector<VesselNetwork::Vein> &VesselNetwork::veins() const
    {
      return vein_list;
    }



    unsigned int VesselNetwork::n_unknowns() const
    {
      return n_unknown_nodes;
    }



    std::vector<double>
    VesselNetwork::vein_outflows(const std::vector<double> &segment_flow) const
    {
      std::vector<double> outflows;
      for (const Vein &vein : vein_list)
        outflows.push_back(vein.outlet_sign *
                           segment_flow[vein.outlet_segment]);
      return outflows;
    }



    std::pair<double, double> VesselNetwork::lumen_volume() const
    {
      double in_bone = 0, outside = 0;
      for (const Segment &segment : segment_list)
        (segment.in_bone ? in_bone : outside) +=
          numbers::PI * segment.radius * segment.radius * segment.length;
      return {in_bone, outside};
    }



    std::vector<VeinPath> parameter_paths(const VeinsParameters &parameters,
                                          const InsideTest      &inside)
    {
      const std::vector<VeinParameters> &veins = parameters.veins;
      std::vector<Point<3>>              starts;
      for (const VeinParameters &vein : veins)
        starts.push_back(vein.start);
      const std::vector<bool> start_inside = inside(starts);
      for (unsigned int v = 0; v < veins.size(); ++v)
        if (!start_inside[v])
          throw InputError("Veins/" + veins[v].name + "/Start " +
                           millimetres(starts[v]) +
                           " lies outside the bone; a vein starts inside it.");

      // Veins with their own foramen: start, crossing, plexus end.
      std::vector<unsigned int> own_foramen;
      std::vector<Point<3>>     origins;
      std::vector<Tensor<1, 3>> directions;
      std::vector<std::string>  names;
      for (unsigned int v = 0; v < veins.size(); ++v)
        if (veins[v].joins.empty())
          {
            own_foramen.push_back(v);
            origins.push_back(veins[v].start);
            directions.push_back((veins[v].foramen - veins[v].start) /
                                 veins[v].foramen.distance(veins[v].start));
            names.push_back(veins[v].name);
          }
      const std::vector<Point<3>> crossings =
        surface_crossings(origins, directions, names, 0.2, inside);

      std::vector<VeinPath> paths(veins.size());
      // How many leading points of each path lie in the bone.
      std::vector<unsigned int> n_inside(veins.size(), 0);
      for (unsigned int r = 0; r < own_foramen.size(); ++r)
        {
          const VeinParameters &vein = veins[own_foramen[r]];
          VeinPath             &path = paths[own_foramen[r]];
          path.name                  = vein.name;
          path.leak_class            = vein.leak_class;
          path.plexus_offset         = vein.plexus_offset;
          path.points                = {origins[r], crossings[r]};
          if (vein.outside_length > 0)
            path.points.push_back(crossings[r] +
                                  vein.outside_length * directions[r]);
          path.radii.assign(path.points.size(), vein.radius);
          n_inside[own_foramen[r]] = 2;
        }

      // Tributaries, each once the vein it joins is placed (the parameters
      // exclude loops): straight to the nearest point of that vein's part in
      // the bone, which becomes a point of that vein so that the network
      // joins them there.
      std::map<std::string, unsigned int> index_of;
      for (unsigned int v = 0; v < veins.size(); ++v)
        index_of[veins[v].name] = v;
      for (bool placed_one = true; placed_one;)
        {
          placed_one = false;
          for (unsigned int v = 0; v < veins.size(); ++v)
            {
              if (n_inside[v] > 0)
                continue;
              const unsigned int target = index_of.at(veins[v].joins);
              if (n_inside[target] == 0)
                continue;
              VeinPath    &trunk = paths[target];
              Point<3>     nearest;
              unsigned int edge  = 0;
              double       along = 0, distance = -1;
              for (unsigned int i = 0; i + 1 < n_inside[target]; ++i)
                {
                  const Tensor<1, 3> d = trunk.points[i + 1] - trunk.points[i];
                  const double       t =
                    std::clamp((veins[v].start - trunk.points[i]) * d /
                                 d.norm_square(),
                               0.,
                               1.);
                  const Point<3> p = trunk.points[i] + t * d;
                  if (distance < 0 || veins[v].start.distance(p) < distance)
                    {
                      nearest  = p;
                      edge     = i;
                      along    = t;
                      distance = veins[v].start.distance(p);
                    }
                }
              if (distance < 1e-6)
                throw InputError(
                  "Veins/" + veins[v].name + "/Start " +
                  millimetres(veins[v].start) + " lies on the vein it joins (" +
                  veins[v].joins + "); start a tributary away from it.");
              if (along > 1e-9 && along < 1 - 1e-9)
                {
                  trunk.points.insert(trunk.points.begin() + edge + 1, nearest);
                  trunk.radii.insert(trunk.radii.begin() + edge + 1,
                                     trunk.radii[edge] +
                                       along * (trunk.radii[edge + 1] -
                                                trunk.radii[edge]));
                  ++n_inside[target];
                }
              VeinPath &path  = paths[v];
              path.name       = veins[v].name;
              path.leak_class = trunk.leak_class;
              path.points     = {veins[v].start, nearest};
              path.radii.assign(2, veins[v].radius);
              n_inside[v] = 2;
              placed_one  = true;
            }
        }
      return paths;
    }



    std::vector<VeinPath> read_vein_file(const std::string &file,
                                         const double       length_unit)
    {
      std::vector<Meshes::VeinPolyline> polylines;
      try
        {
          polylines = Meshes::read_vein_polylines(file, length_unit);
        }
      catch (const ExceptionBase &error)
        {
          throw InputError(error);
        }
      std::vector<VeinPath> paths;
      for (unsigned int i = 0; i < polylines.size(); ++i)
        {
          VeinPath path;
          path.name       = "vein " + std::to_string(i + 1);
          path.leak_class = polylines[i].leak_class == 0 ?
                              "venous-basivertebral" :
                              "venous-segmental";
          path.points     = polylines[i].points;
          path.radii      = polylines[i].radii;
          paths.push_back(path);
        }
      return paths;
    }



    std::vector<VeinPath> label_paths(const Meshes::Image &labels,
                                      const unsigned int   label,
                                      const double         radius,
                                      const double         outside_length,
                                      const InsideTest    &inside)
    {
      // Connected groups (6-neighbours) of voxels with the label.
      const auto        &n     = labels.size;
      const unsigned int total = n[0] * n[1] * n[2];
      const auto         index =
        [&n](const unsigned int i, const unsigned int j, const unsigned int k) {
          return i + n[0] * (j + n[1] * k);
        };
      std::vector<int>                       group(total, -1);
      std::vector<std::vector<unsigned int>> groups;
      for (unsigned int v = 0; v < total; ++v)
        {
          if (group[v] >= 0 ||
              std::lround(labels.values[v]) != static_cast<long>(label))
            continue;
          groups.emplace_back();
          std::queue<unsigned int> queue;
          queue.push(v);
          group[v] = groups.size() - 1;
          while (!queue.empty())
            {
              const unsigned int w = queue.front();
              queue.pop();
              groups.back().push_back(w);
              const unsigned int i = w % n[0], j = (w / n[0]) % n[1],
                                 k    = w / (n[0] * n[1]);
              const int offsets[6][3] = {{1, 0, 0},
                                         {-1, 0, 0},
                                         {0, 1, 0},
                                         {0, -1, 0},
                                         {0, 0, 1},
                                         {0, 0, -1}};
              for (const auto &o : offsets)
                {
                  const long a = long(i) + o[0], b = long(j) + o[1],
                             c = long(k) + o[2];
                  if (a < 0 || b < 0 || c < 0 || a >= long(n[0]) ||
                      b >= long(n[1]) || c >= long(n[2]))
                    continue;
                  const unsigned int u = index(a, b, c);
                  if (group[u] < 0 &&
                      std::lround(labels.values[u]) == static_cast<long>(label))
                    {
                      group[u] = group[v];
                      queue.push(u);
                    }
                }
            }
        }
      if (groups.empty())
        throw InputError("Veins/CT label: no voxel of the label image <" +
                         labels.source + "> has the label " +
                         std::to_string(label) + ".");

      const double voxel_volume =
        labels.spacing[0] * labels.spacing[1] * labels.spacing[2];
      std::vector<Point<3>>     ends, deep;
      std::vector<Tensor<1, 3>> outwards;
      std::vector<double>       radii;
      std::vector<std::string>  names;
      for (unsigned int g = 0; g < groups.size(); ++g)
        {
          // Centre and principal axis of the group's voxel centres.
          std::vector<Point<3>> centres;
          Point<3>              mean;
          for (const unsigned int w : groups[g])
            {
              const unsigned int i = w % n[0], j = (w / n[0]) % n[1],
                                 k = w / (n[0] * n[1]);
              centres.emplace_back(labels.origin[0] + i * labels.spacing[0],
                                   labels.origin[1] + j * labels.spacing[1],
                                   labels.origin[2] + k * labels.spacing[2]);
              mean += centres.back();
            }
          mean /= centres.size();
          SymmetricTensor<2, 3> covariance;
          for (const Point<3> &c : centres)
            covariance += symmetrize(outer_product(c - mean, c - mean));
          const Tensor<1, 3> axis = eigenvectors(covariance)[0].second;
          double             low = 0, high = 0;
          for (const Point<3> &c : centres)
            {
              low  = std::min(low, (c - mean) * axis);
              high = std::max(high, (c - mean) * axis);
            }
          const double length =
            high - low + std::cbrt(voxel_volume); // end voxels in full
          const double area = centres.size() * voxel_volume / length;
          radii.push_back(radius > 0 ? radius : std::sqrt(area / numbers::PI));
          ends.push_back(mean + (high + 0.5 * std::cbrt(voxel_volume)) * axis);
          deep.push_back(mean + (low - 0.5 * std::cbrt(voxel_volume)) * axis);
          outwards.push_back(axis);
          names.push_back("CT vein " + std::to_string(g + 1));
        }
      // Each group leaves the bone at its end nearer the surface: try both.
      std::vector<Point<3>>     origins;
      std::vector<Tensor<1, 3>> directions;
      std::vector<std::string>  both_names;
      for (unsigned int g = 0; g < groups.size(); ++g)
        {
          origins.push_back(Point<3>(0.5 * (ends[g] + deep[g])));
          directions.push_back(outwards[g]);
          origins.push_back(Point<3>(0.5 * (ends[g] + deep[g])));
          directions.push_back(-outwards[g]);
          both_names.push_back(names[g]);
          both_names.push_back(names[g]);
        }
      const std::vector<bool> middle_inside = inside(origins);
      std::vector<VeinPath>   paths;
      std::vector<Point<3>>   crossings;
      for (unsigned int g = 0; g < groups.size(); ++g)
        if (!middle_inside[2 * g])
          throw InputError("Veins/CT label: the middle of " + names[g] +
                           " lies outside the body mesh.");
      crossings =
        surface_crossings(origins, directions, both_names, 0.2, inside);
      for (unsigned int g = 0; g < groups.size(); ++g)
        {
          const Point<3> &centre  = origins[2 * g];
          const bool      forward = centre.distance(crossings[2 * g]) <=
                               centre.distance(crossings[2 * g + 1]);
          const Tensor<1, 3> direction = forward ? outwards[g] : -outwards[g];
          const Point<3>     start     = forward ? deep[g] : ends[g];
          const Point<3>     crossing  = crossings[2 * g + (forward ? 0 : 1)];
          VeinPath           path;
          path.name       = names[g];
          path.leak_class = "venous-basivertebral";
          path.points     = {start, crossing};
          if (outside_length > 0)
            path.points.push_back(crossing + outside_length * direction);
          path.radii.assign(path.points.size(), radii[g]);
          paths.push_back(path);
        }
      return paths;
    }
  } // namespace Circulation
} // namespace cementflow
