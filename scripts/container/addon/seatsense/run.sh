#!/usr/bin/with-contenv bashio
# Starts `seatsense serve` with the add-on's options. /config is the add-on's own folder
# (addon_configs/<repository>_seatsense on the host): the site file and the token live there,
# so users can edit the one and read the other; /data keeps the replay log.
site=/config/site.yaml
if ! bashio::fs.file_exists "${site}"; then
    bashio::exit.nok "No ${site}: write the site layout into the add-on's folder in addon_configs (see the add-on's Documentation tab)."
fi
args=(serve "${site}" --host 0.0.0.0 --port 8765 --data-dir /data --token-file /config/token)
if bashio::config.has_value 'mqtt_url'; then
    args+=(--mqtt "$(bashio::config 'mqtt_url')")
fi
exec seatsense "${args[@]}"
