//! Deterministic cluster generator for placement benchmarks.
//!
//! `cargo run -p everynode-core --example gen_pods -- 5000 150000 /tmp/bench`
//! writes `/tmp/bench/nodes.json` (a NodeList) and `/tmp/bench/pods.json` (a PodList): nodes
//! in 3 zones with some control-plane taints, GPUs and cordons; pods bound round-robin with
//! cpu/memory requests, a few host ports and some terminal phases. Same arguments, same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let nodes: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(5000);
    let pods: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(150_000);
    let out = std::path::PathBuf::from(args.get(3).cloned().unwrap_or_else(|| ".".to_string()));
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    let mut s = String::from("{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[\n");
    for i in 0..nodes {
        let zone = ["a", "b", "c"][i % 3];
        let cp = i < 3;
        let gpu = i % 50 == 7;
        let cordoned = i % 500 == 11;
        let mut taints = Vec::new();
        if cp {
            taints.push("{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}".to_string());
        }
        if gpu {
            taints.push("{\"key\":\"nvidia.com/gpu\",\"value\":\"present\",\"effect\":\"NoSchedule\"}".to_string());
        }
        if cordoned {
            taints.push("{\"key\":\"node.kubernetes.io/unschedulable\",\"effect\":\"NoSchedule\"}".to_string());
        }
        let role = if cp { ",\"node-role.kubernetes.io/control-plane\":\"\"" } else { "" };
        let gpu_alloc = if gpu { ",\"nvidia.com/gpu\":\"4\"" } else { "" };
        let _ = writeln!(
            s,
            "{}{{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{{\"name\":\"node-{i:05}\",\"labels\":{{\"kubernetes.io/os\":\"linux\",\"kubernetes.io/hostname\":\"node-{i:05}\",\"topology.kubernetes.io/zone\":\"zone-{zone}\"{role}}}}},\"spec\":{{\"unschedulable\":{cordoned},\"taints\":[{}]}},\"status\":{{\"addresses\":[{{\"type\":\"InternalIP\",\"address\":\"10.{}.{}.{}\"}}],\"allocatable\":{{\"cpu\":\"{}\",\"memory\":\"{}Gi\",\"ephemeral-storage\":\"100Gi\",\"pods\":\"110\"{gpu_alloc}}}}}}}",
            if i == 0 { "" } else { "," },
            taints.join(","),
            (i >> 16) & 255,
            (i >> 8) & 255,
            i & 255,
            [4, 8, 16][i % 3],
            [16, 32, 64][i % 3],
        );
    }
    s.push_str("]}\n");
    std::fs::File::create(out.join("nodes.json"))?.write_all(s.as_bytes())?;

    let mut s = String::from("{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[\n");
    for i in 0..pods {
        let node = if nodes == 0 { 0 } else { i % nodes };
        let cpu = [50, 100, 250, 500][rng.below(4) as usize];
        let mem = [64, 128, 256, 512][rng.below(4) as usize];
        let phase = match rng.below(100) {
            0 => "Succeeded",
            1 => "Failed",
            2 => "Pending",
            _ => "Running",
        };
        let port = if rng.below(200) == 0 { ",\"ports\":[{\"containerPort\":8080,\"hostPort\":8080}]" } else { "" };
        let _ = writeln!(
            s,
            "{}{{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{{\"name\":\"pod-{i:06}\",\"namespace\":\"ns-{}\",\"labels\":{{\"app\":\"app-{}\"}}}},\"spec\":{{\"nodeName\":\"node-{node:05}\",\"containers\":[{{\"name\":\"c\",\"image\":\"registry.example/app:1\",\"resources\":{{\"requests\":{{\"cpu\":\"{cpu}m\",\"memory\":\"{mem}Mi\"}}}}{port}}}]}},\"status\":{{\"phase\":\"{phase}\"}}}}",
            if i == 0 { "" } else { "," },
            i % 40,
            i % 300,
        );
    }
    s.push_str("]}\n");
    std::fs::File::create(out.join("pods.json"))?.write_all(s.as_bytes())?;
    eprintln!("wrote {} nodes and {} pods to {}", nodes, pods, out.display());
    Ok(())
}
