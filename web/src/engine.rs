//! The page's handle on the evaluation worker (`worker.rs`): one request in flight at a time, and
//! while it runs only the newest input waits, so a result never belongs to an older keystroke than
//! the one shown before it, and a burst of typing costs one evaluation, not one per key.
//! The node list crosses to the worker only when it changed (transferred, not copied twice).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use yew::{AttrValue, Callback};

use crate::eval::Evaluated;
use crate::worker::{self, get, set};

/// The node list crosses to the worker in parts of this many bytes, one per task.
const PART_BYTES: usize = 4 << 20;

/// What the page asks: the inputs at one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub rev: u64,
    pub ds: AttrValue,
    pub pods: AttrValue,
    pub settings: AttrValue,
    pub minor: u32,
    pub pod_security: AttrValue,
    pub nodes_rev: u64,
    pub nodes: AttrValue,
    /// The nodes are the generated cluster of this many nodes, not yet made.
    pub generate: Option<usize>,
}

/// What comes back.
pub enum Reply {
    Result(Evaluated),
    /// The generated cluster's text, for the Nodes editor.
    Nodes {
        nodes_rev: u64,
        text: String,
    },
    /// The worker could not start or stopped.
    Failed(String),
}

struct Inner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    busy: Option<Request>,
    pending: Option<Request>,
    /// The node list revision the worker holds.
    worker_nodes: Option<u64>,
    reply: Callback<Reply>,
    me: Weak<RefCell<Inner>>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

#[derive(Clone)]
pub struct Engine(Rc<RefCell<Inner>>);

impl Engine {
    pub fn new(reply: Callback<Reply>) -> Engine {
        let inner = Rc::new_cyclic(|me| {
            RefCell::new(Inner {
                worker: None,
                ready: false,
                busy: None,
                pending: None,
                worker_nodes: None,
                reply,
                me: me.clone(),
                _handlers: Vec::new(),
            })
        });
        inner.borrow_mut().spawn();
        Engine(inner)
    }

    /// Evaluate these inputs as soon as the worker is free (replacing any older waiting request).
    pub fn submit(&self, req: Request) {
        let mut i = self.0.borrow_mut();
        if i.ready && i.busy.is_none() {
            i.send(req);
        } else {
            i.pending = Some(req);
        }
    }
}

impl Inner {
    fn spawn(&mut self) {
        self.ready = false;
        self.busy = None;
        self.worker_nodes = None;
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options("./worker.js", &opts) {
            Ok(w) => w,
            Err(e) => {
                self.reply.emit(Reply::Failed(format!("{e:?}")));
                return;
            }
        };
        let me = self.me.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if let Some(inner) = me.upgrade() {
                Inner::message(&inner, &get(&e, "data"));
            }
        });
        let me = self.me.clone();
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if let Some(inner) = me.upgrade() {
                Inner::failed(&inner, &get(&e, "message").as_string().unwrap_or_else(|| "the worker stopped".into()));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self._handlers = vec![on_message, on_error];
        self.worker = Some(worker);
    }

    fn send(&mut self, req: Request) {
        let Some(w) = self.worker.clone() else {
            self.pending = Some(req);
            return;
        };
        let msg = js_sys::Object::new();
        set(&msg, worker::REV, &(req.rev as f64).into());
        set(&msg, worker::DS, &JsValue::from_str(&req.ds));
        set(&msg, worker::PODS, &JsValue::from_str(&req.pods));
        set(&msg, worker::SETTINGS, &JsValue::from_str(&req.settings));
        set(&msg, worker::MINOR, &req.minor.into());
        set(&msg, worker::POD_SECURITY, &JsValue::from_str(&req.pod_security));
        set(&msg, worker::NODES_REV, &(req.nodes_rev as f64).into());
        let send_nodes = self.worker_nodes != Some(req.nodes_rev);
        self.worker_nodes = Some(req.nodes_rev);
        let nodes = req.nodes.clone();
        self.busy = Some(req.clone());
        match (send_nodes, req.generate) {
            (false, _) => self.post(&w, &msg),
            (true, Some(n)) => {
                set(&msg, worker::GENERATE, &(n as f64).into());
                self.post(&w, &msg);
            }
            (true, None) if nodes.len() <= PART_BYTES => {
                set(&msg, worker::NODES, &worker::bytes_of(&nodes));
                self.post(&w, &msg);
            }
            (true, None) => {
                // A big node list crosses in parts, one per task: no task copies 33 MB at once.
                set(&msg, worker::PARTS, &JsValue::TRUE);
                let me = self.me.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut at = 0;
                    while at < nodes.len() {
                        let mut end = (at + PART_BYTES).min(nodes.len());
                        while !nodes.is_char_boundary(end) {
                            end -= 1;
                        }
                        let part = js_sys::Object::new();
                        set(&part, worker::TYPE, &"part".into());
                        set(&part, worker::FIRST, &(at == 0).into());
                        let bytes = worker::bytes_of(&nodes[at..end]);
                        set(&part, worker::TEXT, &bytes);
                        let _ = w.post_message_with_transfer(&part, &js_sys::Array::of1(&bytes.buffer()));
                        at = end;
                        crate::dom::next_task().await;
                    }
                    if let Some(inner) = me.upgrade() {
                        inner.borrow().post(&w, &msg);
                    }
                });
            }
        }
    }

    fn post(&self, w: &web_sys::Worker, msg: &js_sys::Object) {
        if w.post_message(msg).is_err() {
            self.reply.emit(Reply::Failed("could not send the inputs to the worker".into()));
        }
    }

    fn message(inner: &Rc<RefCell<Inner>>, data: &JsValue) {
        let kind = get(data, worker::TYPE).as_string().unwrap_or_default();
        let mut i = inner.borrow_mut();
        match kind.as_str() {
            "ready" => {
                i.ready = true;
                if let Some(p) = i.pending.take() {
                    i.send(p);
                }
            }
            "nodes" => {
                let nodes_rev = get(data, worker::NODES_REV).as_f64().unwrap_or(0.0) as u64;
                let text = get(data, worker::TEXT).dyn_into::<js_sys::Uint8Array>().map(|b| worker::text_of(&b)).unwrap_or_default();
                let reply = i.reply.clone();
                drop(i);
                reply.emit(Reply::Nodes { nodes_rev, text });
            }
            "result" => {
                i.busy = None;
                let json = get(data, worker::JSON).as_string().unwrap_or_default();
                let reply = i.reply.clone();
                if let Some(p) = i.pending.take() {
                    i.send(p);
                }
                drop(i);
                match serde_json::from_str::<Evaluated>(&json) {
                    Ok(e) => reply.emit(Reply::Result(e)),
                    Err(e) => reply.emit(Reply::Failed(format!("unreadable result from the worker: {e}"))),
                }
            }
            _ => {}
        }
    }

    /// The worker stopped (it never should): say so, start a new one, and do not feed it the
    /// request that stopped the old one again; the next edit is evaluated as usual.
    fn failed(inner: &Rc<RefCell<Inner>>, why: &str) {
        let mut i = inner.borrow_mut();
        let lost = i.busy.take().map(|r| r.rev);
        let reply = i.reply.clone();
        i.spawn();
        drop(i);
        let what = lost.map_or(String::new(), |r| format!(" (input revision {r})"));
        reply.emit(Reply::Failed(format!("{why}{what}")));
    }
}
