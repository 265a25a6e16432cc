// The object models the server knows (GET /api/v1/objects, loaded once) and the object tree a
// registration announces, for the client page.
import { api } from './api.js';

let models = null; // object id → its models, one per version

export async function loadModels() {
  if (!models) {
    const { data } = await api('/api/v1/objects');
    models = new Map();
    for (const model of data) {
      if (!models.has(model.id)) {
        models.set(model.id, []);
      }
      models.get(model.id).push(model);
    }
  }
  return models;
}

/** The model for an object at the version the client announced, else the nearest known. */
export function modelOf(objectId, version) {
  const versions = (models && models.get(objectId)) || [];
  if (!versions.length) {
    return null;
  }
  return versions.find(m => m.version === version)
    || versions.filter(m => version && m.version.split('.')[0] === version.split('.')[0] && m.version <= version).pop()
    || versions[versions.length - 1];
}

/** The object tree a registration announces: object id → {version, instances}. */
export function objectsOf(registration) {
  const objects = new Map();
  const links = (registration.objectLinks && registration.objectLinks.links) || [];
  let root = '';
  for (const link of links) {
    const rt = link.attributes && link.attributes.rt;
    if (rt && rt.replace(/"/g, '') === 'oma.lwm2m' && link.target !== '/') {
      root = link.target.replace(/\/$/, '');
    }
  }
  for (const link of links) {
    let target = link.target;
    if (root && target.startsWith(root + '/')) {
      target = target.substring(root.length);
    }
    const match = /^\/(\d+)(?:\/(\d+))?$/.exec(target);
    if (!match) {
      continue;
    }
    const id = Number(match[1]);
    if (!objects.has(id)) {
      objects.set(id, { version: undefined, instances: new Set() });
    }
    const object = objects.get(id);
    if (match[2] !== undefined) {
      object.instances.add(Number(match[2]));
    } else if (link.attributes && link.attributes.ver) {
      object.version = String(link.attributes.ver).replace(/"/g, '');
    }
  }
  return objects;
}
