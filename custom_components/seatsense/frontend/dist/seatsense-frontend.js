var Le=Object.defineProperty;var He=Object.getOwnPropertyDescriptor;var p=(i,e,t,s)=>{for(var n=s>1?void 0:s?He(e,t):e,r=i.length-1,o;r>=0;r--)(o=i[r])&&(n=(s?o(e,t,n):o(n))||n);return s&&n&&Le(e,t,n),n};function $(i){return i.callWS({type:"seatsense/layout"})}async function et(i,e,t){let s=await i.callWS({type:"seatsense/frame",entry_id:e,camera_id:t}),n=Uint8Array.from(atob(s.image),o=>o.charCodeAt(0));return{url:URL.createObjectURL(new Blob([n],{type:s.content_type})),blurred:s.blurred}}function Wt(i,e,t,s){return i.callWS({type:"seatsense/save_layout",entry_id:e,camera_id:t,seats:s.map(n=>({id:n.id,polygon:n.polygon.map(r=>[r[0],r[1]])}))})}function st(i,e,t){for(let s of i?.sites??[]){if(e&&s.entry_id!==e)continue;let n=s.cameras.find(r=>r.camera_id===t);if(n)return{site:s,camera:n}}}function H(i){return i&&typeof i=="object"&&"message"in i?String(i.message):String(i)}var qt={"state.empty":"Empty","state.occupied":"Occupied","state.away":"Away","state.abandoned":"Hogged","state.unknown":"Unknown",minutes:"{n} min",hogged_for:"Hogged {n} min",offline:"Camera offline",people_blurred:"People blurred",loading:"Loading\u2026",no_frame:"No picture from this camera yet",no_camera:"Pick a site and a camera in the card's settings",camera_gone:"This camera is no longer in any seatsense site","action.more_info":"Details","action.reset_seat":"Reset seat","action.capture_baseline":"Capture empty-seat reference","action.cancel":"Cancel","action.done":"{action}: done","action.failed":"{action} failed: {error}","config.site":"Site","config.camera":"Camera","config.title":"Title (optional)","config.show_legend":"Show the colour legend","panel.title":"Seat editor","panel.site":"Site","panel.camera":"Camera","panel.no_sites":"No seatsense site yet: add one under Settings \u2192 Devices & services.","panel.blurred":"People are blurred (privacy option on)","panel.no_frame":"No picture from this camera yet: drawing on a blank frame.","panel.annotated":"This server sends its annotated picture: the old seats show in it.","tool.select":"Select","tool.draw":"Draw seat","tool.row":"Copy along a row","tool.copies":"Copies","tool.delete":"Delete","tool.undo":"Undo","tool.redo":"Redo","tool.zoom_in":"Zoom in","tool.zoom_out":"Zoom out","tool.zoom_fit":"Fit","tool.save":"Save","tool.revert":"Discard changes","hint.select":"Drag a seat or a corner to move it. Double-click an edge to add a corner.","hint.draw":"Click each corner. Click the first corner or press Enter to finish; Esc cancels.","hint.row":"Drag from the selected seat to where the last copy goes.","hint.row_pick":"Select the seat to copy first.","hint.keys":"Keys: N draw, V select, R row copy, Del delete, F2 rename, Ctrl+Z / Ctrl+Y undo / redo, + / \u2212 / 0 zoom, Ctrl+S save","seat.id":"Seat id","seat.none":"No seat selected","seats.count":"{n} seats","status.unsaved":"Unsaved changes","status.saved":"Saved {n} seats; the site restarts with them.","status.unchanged":"Nothing changed.","status.saving":"Saving\u2026","status.refused":"Not saved: {reason}","status.fix_first":"Fix the marked seats before saving.","error.too_few_points":"needs at least 3 corners","error.outside_frame":"a corner is outside the picture","error.self_intersecting":"its edges cross","error.no_area":"has no area","error.invalid_id":"id must be 1\u201364 characters, without ':' and not starting with '#' or a space","error.duplicate_id":"the id {other} is used twice","error.overlap":"overlaps {other} by {percent}% (at most {max}%)","error.empty_layout":"A camera needs at least one seat."},Oe={"state.empty":"\uBE48 \uC88C\uC11D","state.occupied":"\uC0AC\uC6A9 \uC911","state.away":"\uC678\uCD9C","state.abandoned":"\uC790\uB9AC \uB9E1\uAE30","state.unknown":"\uC54C \uC218 \uC5C6\uC74C",minutes:"{n}\uBD84",hogged_for:"\uC790\uB9AC \uB9E1\uAE30 {n}\uBD84",offline:"\uCE74\uBA54\uB77C \uC624\uD504\uB77C\uC778",people_blurred:"\uC0AC\uB78C \uD750\uB9BC \uCC98\uB9AC\uB428",loading:"\uBD88\uB7EC\uC624\uB294 \uC911\u2026",no_frame:"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4",no_camera:"\uCE74\uB4DC \uC124\uC815\uC5D0\uC11C \uC0AC\uC774\uD2B8\uC640 \uCE74\uBA54\uB77C\uB97C \uACE0\uB974\uC138\uC694",camera_gone:"\uC774 \uCE74\uBA54\uB77C\uB294 \uB354 \uC774\uC0C1 seatsense \uC0AC\uC774\uD2B8\uC5D0 \uC5C6\uC2B5\uB2C8\uB2E4","action.more_info":"\uC790\uC138\uD788","action.reset_seat":"\uC88C\uC11D \uCD08\uAE30\uD654","action.capture_baseline":"\uBE48 \uC88C\uC11D \uAE30\uC900 \uD654\uBA74 \uC800\uC7A5","action.cancel":"\uCDE8\uC18C","action.done":"{action}: \uC644\uB8CC","action.failed":"{action} \uC2E4\uD328: {error}","config.site":"\uC0AC\uC774\uD2B8","config.camera":"\uCE74\uBA54\uB77C","config.title":"\uC81C\uBAA9(\uC120\uD0DD)","config.show_legend":"\uC0C9\uC0C1 \uBC94\uB840 \uD45C\uC2DC","panel.title":"\uC88C\uC11D \uD3B8\uC9D1\uAE30","panel.site":"\uC0AC\uC774\uD2B8","panel.camera":"\uCE74\uBA54\uB77C","panel.no_sites":"seatsense \uC0AC\uC774\uD2B8\uAC00 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uC5D0\uC11C \uCD94\uAC00\uD558\uC138\uC694.","panel.blurred":"\uC0AC\uB78C\uC774 \uD750\uB9BC \uCC98\uB9AC\uB418\uC5B4 \uC788\uC2B5\uB2C8\uB2E4(\uAC1C\uC778\uC815\uBCF4 \uBCF4\uD638 \uC635\uC158 \uCF1C\uC9D0)","panel.no_frame":"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC5B4 \uBE48 \uD654\uBA74\uC5D0 \uADF8\uB9BD\uB2C8\uB2E4.","panel.annotated":"\uC774 \uC11C\uBC84\uB294 \uC8FC\uC11D\uC774 \uADF8\uB824\uC9C4 \uD654\uBA74\uB9CC \uBCF4\uB0B4\uBBC0\uB85C \uAE30\uC874 \uC88C\uC11D\uC774 \uD568\uAED8 \uBCF4\uC785\uB2C8\uB2E4.","tool.select":"\uC120\uD0DD","tool.draw":"\uC88C\uC11D \uADF8\uB9AC\uAE30","tool.row":"\uC904 \uBCF5\uC0AC","tool.copies":"\uBCF5\uC0AC \uC218","tool.delete":"\uC0AD\uC81C","tool.undo":"\uC2E4\uD589 \uCDE8\uC18C","tool.redo":"\uB2E4\uC2DC \uC2E4\uD589","tool.zoom_in":"\uD655\uB300","tool.zoom_out":"\uCD95\uC18C","tool.zoom_fit":"\uB9DE\uCDA4","tool.save":"\uC800\uC7A5","tool.revert":"\uBCC0\uACBD \uCDE8\uC18C","hint.select":"\uC88C\uC11D\uC774\uB098 \uAF2D\uC9D3\uC810\uC744 \uB04C\uC5B4 \uC62E\uAE41\uB2C8\uB2E4. \uBCC0\uC744 \uB354\uBE14\uD074\uB9AD\uD558\uBA74 \uAF2D\uC9D3\uC810\uC774 \uCD94\uAC00\uB429\uB2C8\uB2E4.","hint.draw":"\uAF2D\uC9D3\uC810\uC744 \uCC28\uB840\uB85C \uD074\uB9AD\uD558\uC138\uC694. \uCCAB \uAF2D\uC9D3\uC810\uC744 \uD074\uB9AD\uD558\uAC70\uB098 Enter\uB85C \uB9C8\uCE58\uACE0, Esc\uB85C \uCDE8\uC18C\uD569\uB2C8\uB2E4.","hint.row":"\uC120\uD0DD\uD55C \uC88C\uC11D\uC5D0\uC11C \uB9C8\uC9C0\uB9C9 \uBCF5\uC0AC\uBCF8\uC774 \uB193\uC77C \uACF3\uAE4C\uC9C0 \uB044\uC138\uC694.","hint.row_pick":"\uBA3C\uC800 \uBCF5\uC0AC\uD560 \uC88C\uC11D\uC744 \uC120\uD0DD\uD558\uC138\uC694.","hint.keys":"\uB2E8\uCD95\uD0A4: N \uADF8\uB9AC\uAE30, V \uC120\uD0DD, R \uC904 \uBCF5\uC0AC, Del \uC0AD\uC81C, F2 \uC774\uB984 \uBC14\uAFB8\uAE30, Ctrl+Z / Ctrl+Y \uC2E4\uD589 \uCDE8\uC18C / \uB2E4\uC2DC \uC2E4\uD589, + / \u2212 / 0 \uD655\uB300\xB7\uCD95\uC18C, Ctrl+S \uC800\uC7A5","seat.id":"\uC88C\uC11D ID","seat.none":"\uC120\uD0DD\uD55C \uC88C\uC11D \uC5C6\uC74C","seats.count":"\uC88C\uC11D {n}\uAC1C","status.unsaved":"\uC800\uC7A5\uD558\uC9C0 \uC54A\uC740 \uBCC0\uACBD \uC0AC\uD56D","status.saved":"\uC88C\uC11D {n}\uAC1C\uB97C \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4. \uC0AC\uC774\uD2B8\uAC00 \uC0C8 \uBC30\uCE58\uB85C \uB2E4\uC2DC \uC2DC\uC791\uD569\uB2C8\uB2E4.","status.unchanged":"\uBC14\uB010 \uAC83\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","status.saving":"\uC800\uC7A5 \uC911\u2026","status.refused":"\uC800\uC7A5\uD558\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {reason}","status.fix_first":"\uD45C\uC2DC\uB41C \uC88C\uC11D\uC744 \uACE0\uCE5C \uB4A4 \uC800\uC7A5\uD558\uC138\uC694.","error.too_few_points":"\uAF2D\uC9D3\uC810\uC774 3\uAC1C \uC774\uC0C1 \uD544\uC694\uD569\uB2C8\uB2E4","error.outside_frame":"\uAF2D\uC9D3\uC810\uC774 \uD654\uBA74 \uBC16\uC5D0 \uC788\uC2B5\uB2C8\uB2E4","error.self_intersecting":"\uBCC0\uC774 \uC11C\uB85C \uAD50\uCC28\uD569\uB2C8\uB2E4","error.no_area":"\uB113\uC774\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","error.invalid_id":"ID\uB294 1\u201364\uC790\uC774\uBA70 ':'\uB97C \uD3EC\uD568\uD558\uAC70\uB098 '#' \uB610\uB294 \uACF5\uBC31\uC73C\uB85C \uC2DC\uC791\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","error.duplicate_id":"ID {other}\uAC00 \uB450 \uBC88 \uC4F0\uC600\uC2B5\uB2C8\uB2E4","error.overlap":"{other}\uC640 {percent}% \uACB9\uCE69\uB2C8\uB2E4(\uCD5C\uB300 {max}%)","error.empty_layout":"\uCE74\uBA54\uB77C\uC5D0\uB294 \uC88C\uC11D\uC774 \uD558\uB098 \uC774\uC0C1 \uC788\uC5B4\uC57C \uD569\uB2C8\uB2E4."},Jt={en:qt,ko:Oe};function xt(i){let e=(i?.locale?.language??i?.language??"en").split("-")[0];return e in Jt?e:"en"}function A(i,e,t={}){return(Jt[xt(i)][e]??qt[e]).replace(/\{(\w+)\}/g,(n,r)=>r in t?String(t[r]):n)}var wt={totals:"Now","total.occupied_seats":"Occupied seats","total.occupancy_rate":"Occupancy","total.abandoned_seats":"Hogged seats","total.entries_today":"Entries today","total.average_stay":"Average stay",no_sites:"No seatsense site yet: add one under Settings \u2192 Devices & services.",not_running:"This site is not running: see Settings \u2192 Devices & services.",no_seats:"No seats on this camera yet: draw them in the seat editor.",vacant_for:"vacant {n} min",stay_for:"stay {n} min",left_for:"for {n} min",offline:"offline"},De={totals:"\uD604\uC7AC","total.occupied_seats":"\uC0AC\uC6A9 \uC911 \uC88C\uC11D","total.occupancy_rate":"\uC810\uC720\uC728","total.abandoned_seats":"\uC790\uB9AC \uB9E1\uAE30 \uC88C\uC11D","total.entries_today":"\uC624\uB298 \uC785\uC2E4","total.average_stay":"\uD3C9\uADE0 \uC774\uC6A9 \uC2DC\uAC04",no_sites:"seatsense \uC0AC\uC774\uD2B8\uAC00 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uC5D0\uC11C \uCD94\uAC00\uD558\uC138\uC694.",not_running:"\uC774 \uC0AC\uC774\uD2B8\uAC00 \uC2E4\uD589 \uC911\uC774 \uC544\uB2D9\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uB97C \uD655\uC778\uD558\uC138\uC694.",no_seats:"\uC774 \uCE74\uBA54\uB77C\uC5D0\uB294 \uC544\uC9C1 \uC88C\uC11D\uC774 \uC5C6\uC2B5\uB2C8\uB2E4. \uC88C\uC11D \uD3B8\uC9D1\uAE30\uC5D0\uC11C \uADF8\uB9AC\uC138\uC694.",vacant_for:"\uBE48 \uC9C0 {n}\uBD84",stay_for:"\uC774\uC6A9 {n}\uBD84",left_for:"{n}\uBD84\uC9F8",offline:"\uC624\uD504\uB77C\uC778"},Ne={en:wt,ko:De};function E(i,e,t={}){return((Ne[xt(i)]??wt)[e]??wt[e]).replace(/\{(\w+)\}/g,(n,r)=>r in t?String(t[r]):n)}var nt=globalThis,it=nt.ShadowRoot&&(nt.ShadyCSS===void 0||nt.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,St=Symbol(),Yt=new WeakMap,W=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==St)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(it&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=Yt.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&Yt.set(t,e))}return e}toString(){return this.cssText}},x=i=>new W(typeof i=="string"?i:i+"",void 0,St),C=(i,...e)=>{let t=i.length===1?i[0]:e.reduce((s,n,r)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(n)+i[r+1],i[0]);return new W(t,i,St)},Zt=(i,e)=>{if(it)i.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),n=nt.litNonce;n!==void 0&&s.setAttribute("nonce",n),s.textContent=t.cssText,i.appendChild(s)}},At=it?i=>i:i=>i instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return x(t)})(i):i;var{is:Ue,defineProperty:ze,getOwnPropertyDescriptor:je,getOwnPropertyNames:Ke,getOwnPropertySymbols:Be,getPrototypeOf:Fe}=Object,rt=globalThis,Gt=rt.trustedTypes,Ve=Gt?Gt.emptyScript:"",We=rt.reactiveElementPolyfillSupport,q=(i,e)=>i,J={toAttribute(i,e){switch(e){case Boolean:i=i?Ve:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,e){let t=i;switch(e){case Boolean:t=i!==null;break;case Number:t=i===null?null:Number(i);break;case Object:case Array:try{t=JSON.parse(i)}catch{t=null}}return t}},ot=(i,e)=>!Ue(i,e),Xt={attribute:!0,type:String,converter:J,reflect:!1,useDefault:!1,hasChanged:ot};Symbol.metadata??=Symbol("metadata"),rt.litPropertyMetadata??=new WeakMap;var P=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Xt){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),n=this.getPropertyDescriptor(e,s,t);n!==void 0&&ze(this.prototype,e,n)}}static getPropertyDescriptor(e,t,s){let{get:n,set:r}=je(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:n,set(o){let c=n?.call(this);r?.call(this,o),this.requestUpdate(e,c,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Xt}static _$Ei(){if(this.hasOwnProperty(q("elementProperties")))return;let e=Fe(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(q("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(q("properties"))){let t=this.properties,s=[...Ke(t),...Be(t)];for(let n of s)this.createProperty(n,t[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,n]of t)this.elementProperties.set(s,n)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let n=this._$Eu(t,s);n!==void 0&&this._$Eh.set(n,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let n of s)t.unshift(At(n))}else e!==void 0&&t.push(At(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Zt(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),n=this.constructor._$Eu(e,s);if(n!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:J).toAttribute(t,s.type);this._$Em=e,r==null?this.removeAttribute(n):this.setAttribute(n,r),this._$Em=null}}_$AK(e,t){let s=this.constructor,n=s._$Eh.get(e);if(n!==void 0&&this._$Em!==n){let r=s.getPropertyOptions(n),o=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:J;this._$Em=n;let c=o.fromAttribute(t,r.type);this[n]=c??this._$Ej?.get(n)??c,this._$Em=null}}requestUpdate(e,t,s,n=!1,r){if(e!==void 0){let o=this.constructor;if(n===!1&&(r=this[e]),s??=o.getPropertyOptions(e),!((s.hasChanged??ot)(r,t)||s.useDefault&&s.reflect&&r===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:n,wrapped:r},o){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),r!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),n===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[n,r]of this._$Ep)this[n]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[n,r]of s){let{wrapped:o}=r,c=this[n];o!==!0||this._$AL.has(n)||c===void 0||this.C(n,void 0,r,c)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};P.elementStyles=[],P.shadowRootOptions={mode:"open"},P[q("elementProperties")]=new Map,P[q("finalized")]=new Map,We?.({ReactiveElement:P}),(rt.reactiveElementVersions??=[]).push("2.1.2");var Rt=globalThis,Qt=i=>i,at=Rt.trustedTypes,te=at?at.createPolicy("lit-html",{createHTML:i=>i}):void 0,oe="$lit$",R=`lit$${Math.random().toFixed(9).slice(2)}$`,ae="?"+R,qe=`<${ae}>`,N=document,Z=()=>N.createComment(""),G=i=>i===null||typeof i!="object"&&typeof i!="function",It=Array.isArray,Je=i=>It(i)||typeof i?.[Symbol.iterator]=="function",Et=`[ 	
\f\r]`,Y=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,ee=/-->/g,se=/>/g,O=RegExp(`>|${Et}(?:([^\\s"'>=/]+)(${Et}*=${Et}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ne=/'/g,ie=/"/g,ce=/^(?:script|style|textarea|title)$/i,Lt=i=>(e,...t)=>({_$litType$:i,strings:e,values:t}),u=Lt(1),I=Lt(2),Os=Lt(3),U=Symbol.for("lit-noChange"),f=Symbol.for("lit-nothing"),re=new WeakMap,D=N.createTreeWalker(N,129);function le(i,e){if(!It(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return te!==void 0?te.createHTML(e):e}var Ye=(i,e)=>{let t=i.length-1,s=[],n,r=e===2?"<svg>":e===3?"<math>":"",o=Y;for(let c=0;c<t;c++){let a=i[c],l,d,h=-1,g=0;for(;g<a.length&&(o.lastIndex=g,d=o.exec(a),d!==null);)g=o.lastIndex,o===Y?d[1]==="!--"?o=ee:d[1]!==void 0?o=se:d[2]!==void 0?(ce.test(d[2])&&(n=RegExp("</"+d[2],"g")),o=O):d[3]!==void 0&&(o=O):o===O?d[0]===">"?(o=n??Y,h=-1):d[1]===void 0?h=-2:(h=o.lastIndex-d[2].length,l=d[1],o=d[3]===void 0?O:d[3]==='"'?ie:ne):o===ie||o===ne?o=O:o===ee||o===se?o=Y:(o=O,n=void 0);let b=o===O&&i[c+1].startsWith("/>")?" ":"";r+=o===Y?a+qe:h>=0?(s.push(l),a.slice(0,h)+oe+a.slice(h)+R+b):a+R+(h===-2?c:b)}return[le(i,r+(i[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},X=class i{constructor({strings:e,_$litType$:t},s){let n;this.parts=[];let r=0,o=0,c=e.length-1,a=this.parts,[l,d]=Ye(e,t);if(this.el=i.createElement(l,s),D.currentNode=this.el.content,t===2||t===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=D.nextNode())!==null&&a.length<c;){if(n.nodeType===1){if(n.hasAttributes())for(let h of n.getAttributeNames())if(h.endsWith(oe)){let g=d[o++],b=n.getAttribute(h).split(R),k=/([.?@])?(.*)/.exec(g);a.push({type:1,index:r,name:k[2],strings:b,ctor:k[1]==="."?Ct:k[1]==="?"?Pt:k[1]==="@"?Mt:B}),n.removeAttribute(h)}else h.startsWith(R)&&(a.push({type:6,index:r}),n.removeAttribute(h));if(ce.test(n.tagName)){let h=n.textContent.split(R),g=h.length-1;if(g>0){n.textContent=at?at.emptyScript:"";for(let b=0;b<g;b++)n.append(h[b],Z()),D.nextNode(),a.push({type:2,index:++r});n.append(h[g],Z())}}}else if(n.nodeType===8)if(n.data===ae)a.push({type:2,index:r});else{let h=-1;for(;(h=n.data.indexOf(R,h+1))!==-1;)a.push({type:7,index:r}),h+=R.length-1}r++}}static createElement(e,t){let s=N.createElement("template");return s.innerHTML=e,s}};function K(i,e,t=i,s){if(e===U)return e;let n=s!==void 0?t._$Co?.[s]:t._$Cl,r=G(e)?void 0:e._$litDirective$;return n?.constructor!==r&&(n?._$AO?.(!1),r===void 0?n=void 0:(n=new r(i),n._$AT(i,t,s)),s!==void 0?(t._$Co??=[])[s]=n:t._$Cl=n),n!==void 0&&(e=K(i,n._$AS(i,e.values),n,s)),e}var kt=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,n=(e?.creationScope??N).importNode(t,!0);D.currentNode=n;let r=D.nextNode(),o=0,c=0,a=s[0];for(;a!==void 0;){if(o===a.index){let l;a.type===2?l=new Q(r,r.nextSibling,this,e):a.type===1?l=new a.ctor(r,a.name,a.strings,this,e):a.type===6&&(l=new Tt(r,this,e)),this._$AV.push(l),a=s[++c]}o!==a?.index&&(r=D.nextNode(),o++)}return D.currentNode=N,n}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},Q=class i{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,n){this.type=2,this._$AH=f,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=K(this,e,t),G(e)?e===f||e==null||e===""?(this._$AH!==f&&this._$AR(),this._$AH=f):e!==this._$AH&&e!==U&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Je(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==f&&G(this._$AH)?this._$AA.nextSibling.data=e:this.T(N.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,n=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=X.createElement(le(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===n)this._$AH.p(t);else{let r=new kt(n,this),o=r.u(this.options);r.p(t),this.T(o),this._$AH=r}}_$AC(e){let t=re.get(e.strings);return t===void 0&&re.set(e.strings,t=new X(e)),t}k(e){It(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,n=0;for(let r of e)n===t.length?t.push(s=new i(this.O(Z()),this.O(Z()),this,this.options)):s=t[n],s._$AI(r),n++;n<t.length&&(this._$AR(s&&s._$AB.nextSibling,n),t.length=n)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=Qt(e).nextSibling;Qt(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},B=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,n,r){this.type=1,this._$AH=f,this._$AN=void 0,this.element=e,this.name=t,this._$AM=n,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=f}_$AI(e,t=this,s,n){let r=this.strings,o=!1;if(r===void 0)e=K(this,e,t,0),o=!G(e)||e!==this._$AH&&e!==U,o&&(this._$AH=e);else{let c=e,a,l;for(e=r[0],a=0;a<r.length-1;a++)l=K(this,c[s+a],t,a),l===U&&(l=this._$AH[a]),o||=!G(l)||l!==this._$AH[a],l===f?e=f:e!==f&&(e+=(l??"")+r[a+1]),this._$AH[a]=l}o&&!n&&this.j(e)}j(e){e===f?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},Ct=class extends B{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===f?void 0:e}},Pt=class extends B{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==f)}},Mt=class extends B{constructor(e,t,s,n,r){super(e,t,s,n,r),this.type=5}_$AI(e,t=this){if((e=K(this,e,t,0)??f)===U)return;let s=this._$AH,n=e===f&&s!==f||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,r=e!==f&&(s===f||n);n&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},Tt=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){K(this,e)}};var Ze=Rt.litHtmlPolyfillSupport;Ze?.(X,Q),(Rt.litHtmlVersions??=[]).push("3.3.3");var de=(i,e,t)=>{let s=t?.renderBefore??e,n=s._$litPart$;if(n===void 0){let r=t?.renderBefore??null;s._$litPart$=n=new Q(e.insertBefore(Z(),r),r,void 0,t??{})}return n._$AI(i),n};var Ht=globalThis,_=class extends P{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=de(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return U}};_._$litElement$=!0,_.finalized=!0,Ht.litElementHydrateSupport?.({LitElement:_});var Ge=Ht.litElementPolyfillSupport;Ge?.({LitElement:_});(Ht.litElementVersions??=[]).push("4.2.2");var Xe={attribute:!0,type:String,converter:J,reflect:!1,hasChanged:ot},Qe=(i=Xe,e,t)=>{let{kind:s,metadata:n}=t,r=globalThis.litPropertyMetadata.get(n);if(r===void 0&&globalThis.litPropertyMetadata.set(n,r=new Map),s==="setter"&&((i=Object.create(i)).wrapped=!0),r.set(t.name,i),s==="accessor"){let{name:o}=t;return{set(c){let a=e.get.call(this);e.set.call(this,c),this.requestUpdate(o,a,i,!0,c)},init(c){return c!==void 0&&this.C(o,void 0,i,c),c}}}if(s==="setter"){let{name:o}=t;return function(c){let a=this[o];e.call(this,c),this.requestUpdate(o,a,i,!0,c)}}throw Error("Unsupported decorator location: "+s)};function S(i){return(e,t)=>typeof t=="object"?Qe(i,e,t):((s,n,r)=>{let o=n.hasOwnProperty(r);return n.constructor.createProperty(r,s),o?Object.getOwnPropertyDescriptor(n,r):void 0})(i,e,t)}function m(i){return S({...i,state:!0,attribute:!1})}var z=(i,e,t)=>(t.configurable=!0,t.enumerable=!0,Reflect.decorate&&typeof e!="object"&&Object.defineProperty(i,e,t),t);function ct(i,e){return(t,s,n)=>{let r=o=>o.renderRoot?.querySelector(i)??null;if(e){let{get:o,set:c}=typeof s=="object"?t:n??(()=>{let a=Symbol();return{get(){return this[a]},set(l){this[a]=l}}})();return z(t,s,{get(){let a=o.call(this);return a===void 0&&(a=r(this),(a!==null||this.hasUpdated)&&c.call(this,a)),a}})}return z(t,s,{get(){return r(this)}})}}function F(i,e,t){i.dispatchEvent(new CustomEvent(e,{detail:t,bubbles:!0,composed:!0}))}var he={empty:"#009E73",occupied:"#0072B2",away:"#E69F00",abandoned:"#D55E00",unknown:"#999999"};var Ot=["empty","occupied","away","abandoned","unknown"],M=he;function lt(i){return Ot.includes(i??"")?i:"unknown"}var dt="seatsense-seat-tiles";function ue(i,e){let t=e?i.states[e]?.state:void 0,s=t===void 0||t===""?NaN:Number(t);return Number.isFinite(s)?Math.round(s):null}function es(i,e,t){if(t==="unknown")return;if(t==="occupied"){let n=ue(i,e.entities.stay_minutes);return n===null?void 0:E(i,"stay_for",{n})}let s=ue(i,e.entities.vacant_minutes);if(s!==null)return E(i,t==="empty"?"vacant_for":"left_for",{n:s})}var T=class extends _{setConfig(e){if(!e||typeof e.camera_id!="string")throw new Error("camera_id is needed");this.config=e}getCardSize(){return 2}getGridOptions(){return{columns:12,min_columns:6,rows:"auto"}}camera(){return st(this.siteLayout,this.config?.entry_id,this.config?.camera_id)?.camera}shouldUpdate(e){if(e.size!==1||!e.has("hass"))return!0;let t=e.get("hass");return!t||!this.hass||t.language!==this.hass.language||t.entities!==this.hass.entities?!0:(this.camera()?.seats??[]).some(n=>Object.values(n.entities).some(r=>t.states[r]!==this.hass?.states[r]))}updated(){let e=this.hass?.entities??"no registry";this.hass&&this.loadedFor!==e&&(this.loadedFor=e,this.loadLayout())}async loadLayout(){try{this.siteLayout=await $(this.hass),this.layoutError=void 0}catch(e){this.layoutError=H(e)}}render(){if(!this.config||!this.hass)return f;let e=this.camera();if(!e){let t=this.siteLayout?A(this.hass,"camera_gone"):this.layoutError;return u`<ha-card><div class="message">${t??A(this.hass,"loading")}</div></ha-card>`}return u`<ha-card>
      <div class="tiles">${e.seats.map(t=>this.renderTile(t))}</div>
    </ha-card>`}renderTile(e){let t=e.entities.state?this.hass.states[e.entities.state]?.state:void 0,s=lt(t),n=es(this.hass,e,s),r=A(this.hass,`state.${s}`);return u`<button class="tile ${s}" data-seat=${e.id} data-state=${s}
      style="--seat-color: ${M[s]}"
      title="${e.id}: ${r}${n?`, ${n}`:""}"
      @click=${()=>this.moreInfo(e)}>
      <span class="id">${e.id}</span>
      <span class="state">${r}</span>
      <span class="detail">${n??(s==="unknown"?E(this.hass,"offline"):"")}</span>
    </button>`}moreInfo(e){let t=e.entities.state??e.entities.occupied;t&&F(this,"hass-more-info",{entityId:t})}};T.styles=C`
    .message {
      padding: 16px;
      color: var(--secondary-text-color);
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(76px, 1fr));
      gap: 6px;
      padding: 8px;
    }
    .tile {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 1px;
      min-height: 56px;
      padding: 6px 8px;
      border: none;
      border-left: 6px solid var(--seat-color);
      border-radius: 8px;
      background: color-mix(in srgb, var(--seat-color) 22%, var(--card-background-color, #fff));
      color: var(--primary-text-color);
      font: inherit;
      text-align: left;
      cursor: pointer;
      overflow: hidden;
    }
    .tile.unknown {
      background: repeating-linear-gradient(
        45deg,
        color-mix(in srgb, var(--seat-color) 18%, transparent) 0 6px,
        transparent 6px 12px
      );
    }
    .id {
      font-weight: 700;
      font-size: 1.05em;
    }
    .state {
      font-size: 0.85em;
    }
    .detail {
      font-size: 0.8em;
      color: var(--secondary-text-color);
      white-space: nowrap;
    }
    .tile.abandoned .detail {
      color: var(--primary-text-color);
      font-weight: 600;
    }
  `,p([S({attribute:!1})],T.prototype,"hass",2),p([m()],T.prototype,"config",2),p([m()],T.prototype,"siteLayout",2),p([m()],T.prototype,"layoutError",2);function v(i,e,t){return(e[0]-i[0])*(t[1]-i[1])-(e[1]-i[1])*(t[0]-i[0])}function Dt(i){let e=0;for(let t=0;t<i.length;t++){let[s,n]=i[t],[r,o]=i[(t+1)%i.length];e+=s*o-r*n}return e}function Nt(i){return Math.abs(Dt(i))/2}function pt(i){let e=Dt(i);if(Math.abs(e)<1e-9){let n=Math.max(i.length,1),r=i.reduce((c,a)=>c+a[0],0),o=i.reduce((c,a)=>c+a[1],0);return[r/n,o/n]}let t=0,s=0;for(let n=0;n<i.length;n++){let[r,o]=i[n],[c,a]=i[(n+1)%i.length],l=r*a-c*o;t+=(r+c)*l,s+=(o+a)*l}return[t/(3*e),s/(3*e)]}function ut(i){let e=i.map(s=>s[0]),t=i.map(s=>s[1]);return[Math.min(...e),Math.min(...t),Math.max(...e),Math.max(...t)]}function fe(i,e,t){return i.map(([s,n])=>[s+e,n+t])}function ss(i,e){let[t,s]=i,n=!1;for(let r=0,o=e.length-1;r<e.length;o=r++){let[c,a]=e[r],[l,d]=e[o];a>s!=d>s&&t<(l-c)*(s-a)/(d-a)+c&&(n=!n)}return n}function Ut(i,e){for(let t=i.length-1;t>=0;t--)if(ss(e,i[t].polygon))return t;return-1}function ft(i,e,t){let s=null;return i.forEach((n,r)=>{n.polygon.forEach((o,c)=>{let a=Math.hypot(o[0]-e[0],o[1]-e[1]);a<=t&&(s===null||a<s.distance)&&(s={seat:r,corner:c,distance:a})})}),s}function ns(i,e,t){let s=t[0]-e[0],n=t[1]-e[1],r=s*s+n*n;if(r===0)return e;let o=Math.max(0,Math.min(1,((i[0]-e[0])*s+(i[1]-e[1])*n)/r));return[e[0]+o*s,e[1]+o*n]}function zt(i,e,t){let s=null;return i.forEach((n,r)=>{let o=n.polygon;o.forEach((c,a)=>{let l=ns(e,c,o[(a+1)%o.length]),d=Math.hypot(l[0]-e[0],l[1]-e[1]);d<=t&&(s===null||d<s.distance)&&(s={seat:r,edge:a,point:l,distance:d})})}),s}function ht(i,e,t){return Math.min(e[0],t[0])<=i[0]&&i[0]<=Math.max(e[0],t[0])&&Math.min(e[1],t[1])<=i[1]&&i[1]<=Math.max(e[1],t[1])}function is(i,e,t,s){let n=Math.sign(v(t,s,i)),r=Math.sign(v(t,s,e)),o=Math.sign(v(i,e,t)),c=Math.sign(v(i,e,s));return n*r<0&&o*c<0?!0:n===0&&ht(i,t,s)||r===0&&ht(e,t,s)||o===0&&ht(t,i,e)||c===0&&ht(s,i,e)}function me(i){let e=[];for(let t of i){let s=e[e.length-1];(!s||s[0]!==t[0]||s[1]!==t[1])&&e.push(t)}for(;e.length>1&&e[0][0]===e[e.length-1][0]&&e[0][1]===e[e.length-1][1];)e.pop();return e}function rs(i){let e=me(i),t=e.length;if(t<3)return!1;for(let s=0;s<t;s++){let n=e[s],r=e[(s+1)%t];for(let o=s+1;o<t;o++){let c=e[o],a=e[(o+1)%t];if(o===s+1){if(v(n,r,a)===0&&(n[0]-r[0])*(a[0]-r[0])+(n[1]-r[1])*(a[1]-r[1])>0)return!1}else if(s===0&&o===t-1){if(v(r,n,c)===0&&(r[0]-n[0])*(c[0]-n[0])+(r[1]-n[1])*(c[1]-n[1])>0)return!1}else if(is(n,r,c,a))return!1}}return!0}function os(i,e,t,s){return v(e,t,i)>=0&&v(t,s,i)>=0&&v(s,e,i)>=0}function pe(i){let e=me(i);Dt(e)<0&&(e=[...e].reverse());let t=[],s=[...e],n=s.length*s.length+10;for(;s.length>3&&n-- >0;){let r=!1;for(let o=0;o<s.length;o++){let c=s[(o+s.length-1)%s.length],a=s[o],l=s[(o+1)%s.length],d=v(c,a,l);if(d===0){s.splice(o,1),r=!0;break}if(d<0)continue;if(!s.some(g=>g!==c&&g!==a&&g!==l&&os(g,c,a,l))){t.push([c,a,l]),s.splice(o,1),r=!0;break}}if(!r)break}return s.length===3&&v(s[0],s[1],s[2])>0&&t.push(s),t}function as(i,e){let t=i;for(let s=0;s<e.length&&t.length>0;s++){let n=e[s],r=e[(s+1)%e.length],o=t;t=[];for(let c=0;c<o.length;c++){let a=o[c],l=o[(c+1)%o.length],d=v(n,r,a)>=0,h=v(n,r,l)>=0;if(d&&t.push(a),d!==h){let g=v(n,r,a),b=v(n,r,l),k=g/(g-b);t.push([a[0]+k*(l[0]-a[0]),a[1]+k*(l[1]-a[1])])}}}return t}function cs(i,e){let[t,s,n,r]=ut(i),[o,c,a,l]=ut(e);if(n<=o||a<=t||r<=c||l<=s)return 0;let d=pe(i),h=pe(e),g=0;for(let b of d)for(let k of h)g+=Nt(as(b,k));return g}function ls(i){return i.length===0||i.length>64||i!==i.trim()||i.includes(":")||/[\r\n]/.test(i)||i.startsWith("#")?"invalid_id":null}function jt(i,e,t=[]){let s=new Set(t);s.add(i);let n=/^(.*?)(\d+)$/.exec(i),r=n?n[1]:i,o=n&&n[2].startsWith("0")?n[2].length:0,c=n?Number(n[2]):1,a=[];for(;a.length<e;){c+=1;let l=r+String(c).padStart(o,"0");s.has(l)||(s.add(l),a.push(l))}return a}function mt(i,e,t,s=[]){return t<1?[]:jt(i.id,t,s).map((r,o)=>{let c=(o+1)/t,a=i.polygon.map(([l,d])=>[Math.round(l+e[0]*c),Math.round(d+e[1]*c)]);return{id:r,polygon:a}})}function ds(i,e,t){return i.length<3?"too_few_points":i.some(([s,n])=>!(s>=0&&s<=e&&n>=0&&n<=t))?"outside_frame":rs(i)?Nt(i)<1?"no_area":null:"self_intersecting"}function ge(i,e,t,s=.5){let n=i.map(()=>[]),r=[];i.forEach((a,l)=>{let d=ls(a.id);d&&n[l].push({code:d});let h=ds(a.polygon,e,t);h&&n[l].push({code:h}),r.push(h===null)});let o=new Map;i.forEach((a,l)=>{let d=o.get(a.id);d===void 0?o.set(a.id,l):(n[l].push({code:"duplicate_id",other:i[d].id}),n[d].some(h=>h.code==="duplicate_id")||n[d].push({code:"duplicate_id",other:a.id}))});let c=i.map(a=>Nt(a.polygon));for(let a=0;a<i.length;a++)for(let l=a+1;l<i.length;l++){if(!r[a]||!r[l])continue;let d=cs(i[a].polygon,i[l].polygon)/Math.min(c[a],c[l]);if(d>s){let h=Math.round(d*100);n[a].push({code:"overlap",other:i[l].id,percent:h}),n[l].push({code:"overlap",other:i[a].id,percent:h})}}return n}function Kt(i){return i.length>0&&i.every(e=>e.length===0)}var j="seatsense-seat-map",Bt="seatsense-seat-map-editor",hs=3e4,us=500,ps=4e3;function fs(i,e){let t=e?i.states[e]?.state:void 0,s=t===void 0?NaN:Number(t);return Number.isFinite(s)?s:null}function ms(i,e){let t=e.entities.state?i.states[e.entities.state]?.state:void 0,s=lt(t);return{seat:e,state:s,vacantMinutes:s==="unknown"?null:fs(i,e.entities.vacant_minutes)}}function gs(i){let e=parseInt(i.slice(1),16),[t,s,n]=[e>>16&255,e>>8&255,e&255];return .299*t+.587*s+.114*n>150?"#000":"#fff"}var w=class extends _{constructor(){super(...arguments);this.frameMissing=!1;this.held=!1}static getConfigElement(){return document.createElement(Bt)}static async getStubConfig(t){let n=(await $(t).catch(()=>{}))?.sites.find(r=>r.cameras.length>0);return{type:`custom:${j}`,entry_id:n?.entry_id,camera_id:n?.cameras[0]?.camera_id}}setConfig(t){if(!t||typeof t!="object")throw new Error("Invalid configuration");if(t.camera_id!==void 0&&typeof t.camera_id!="string")throw new Error("camera_id must be text");let s=t.camera_id!==this.config?.camera_id||t.entry_id!==this.config?.entry_id;this.config=t,s&&(this.frameFor=void 0,this.frameMissing=!1)}getCardSize(){return 6}getGridOptions(){return{columns:12,min_columns:6,rows:"auto",min_rows:3}}connectedCallback(){super.connectedCallback(),this.refreshTimer=window.setInterval(()=>{this.camera()?.camera.entities.annotated||this.loadFrame(!0)},hs)}disconnectedCallback(){super.disconnectedCallback(),window.clearInterval(this.refreshTimer),window.clearTimeout(this.toastTimer),this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=void 0,this.frameFor=void 0}camera(){return st(this.siteLayout,this.config?.entry_id,this.config?.camera_id)}watched(){let t=this.camera();if(!t)return[];let s=Object.values(t.camera.entities);for(let n of t.camera.seats)for(let r of["state","vacant_minutes","occupied"])n.entities[r]&&s.push(n.entities[r]);return s}shouldUpdate(t){if(t.size!==1||!t.has("hass"))return!0;let s=t.get("hass");return!s||!this.hass||s.language!==this.hass.language||s.themes?.darkMode!==this.hass.themes?.darkMode?!0:this.watched().some(n=>s.states[n]!==this.hass?.states[n])}updated(){if(!this.hass||!this.config?.camera_id)return;if(!this.siteLayout&&!this.layoutError){this.loadLayout();return}let t=this.camera()?.camera.entities.annotated,s=t?this.hass.states[t]?.state:"initial";this.camera()&&this.frameFor!==s&&(this.frameFor=s,this.loadFrame(!!this.frame))}async loadLayout(){if(this.hass)try{this.siteLayout=await $(this.hass),this.layoutError=void 0}catch(t){this.layoutError=H(t)}}async loadFrame(t){if(!this.hass)return;t&&await this.loadLayout();let s=this.camera();if(s)try{let n=await et(this.hass,s.site.entry_id,s.camera.camera_id),r=this.frame;this.frame=n,this.frameMissing=!1,r&&window.setTimeout(()=>URL.revokeObjectURL(r.url),1e3)}catch{this.frameMissing=!this.frame}}t(t,s){return A(this.hass,t,s)}render(){if(!this.config||!this.hass)return f;let t=this.config.title;if(!this.config.camera_id)return u`<ha-card .header=${t}><div class="message">${this.t("no_camera")}</div></ha-card>`;if(!this.siteLayout)return u`<ha-card .header=${t}>
        <div class="message">${this.layoutError??this.t("loading")}</div>
      </ha-card>`;let s=this.camera();if(!s)return u`<ha-card .header=${t}><div class="message">${this.t("camera_gone")}</div></ha-card>`;let{camera:n}=s,r=n.seats.map(c=>ms(this.hass,c)),o=n.entities.connected?this.hass.states[n.entities.connected]?.state:void 0;return u`
      <ha-card .header=${t}>
        <div class="map" style="aspect-ratio: ${n.width} / ${n.height}">
          ${this.frame?u`<img src=${this.frame.url} alt=${n.name} draggable="false" />`:u`<div class="blank">${this.frameMissing?this.t("no_frame"):this.t("loading")}</div>`}
          <svg viewBox="0 0 ${n.width} ${n.height}" preserveAspectRatio="none">
            <defs>
              <pattern id="unknown-hatch" width="24" height="24" patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)">
                <rect width="24" height="24" fill=${M.unknown} fill-opacity="0.25"></rect>
                <line x1="0" y1="0" x2="0" y2="24" stroke=${M.unknown} stroke-width="10"
                  stroke-opacity="0.6"></line>
              </pattern>
            </defs>
            ${r.map(c=>this.renderSeatShape(c))}
          </svg>
          ${r.map(c=>this.renderLabel(c,n))}
          ${o==="off"||o==="unavailable"?u`<div class="banner offline">${this.t("offline")}</div>`:this.frame?.blurred?u`<div class="banner">${this.t("people_blurred")}</div>`:f}
          ${this.menuSeat?this.renderMenu(this.menuSeat):f}
          ${this.toast?u`<div class="toast" role="status">${this.toast}</div>`:f}
        </div>
        ${this.config.show_legend===!1?f:this.renderLegend(r)}
      </ha-card>
    `}renderSeatShape(t){let s=M[t.state],n=t.seat.polygon.map(([r,o])=>`${r},${o}`).join(" ");return I`<polygon class="seat ${t.state}" points=${n}
      data-seat=${t.seat.id} data-state=${t.state}
      fill=${t.state==="unknown"?"url(#unknown-hatch)":s}
      stroke=${s}
      @pointerdown=${r=>this.pointerDown(t.seat,r)}
      @pointerup=${r=>this.pointerUp(t.seat,r)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${r=>this.openMenu(t.seat,r)}></polygon>`}renderLabel(t,s){let[n,r]=pt(t.seat.polygon),o=M[t.state],c=f;return t.state==="abandoned"&&t.vacantMinutes!==null?c=u`<span class="hogged">⚠ ${this.t("hogged_for",{n:t.vacantMinutes})}</span>`:t.state==="unknown"?c=u`<span class="detail">?</span>`:(t.state==="empty"||t.state==="away")&&t.vacantMinutes!==null&&(c=u`<span class="detail">${this.t("minutes",{n:t.vacantMinutes})}</span>`),u`<button class="label ${t.state}" data-seat=${t.seat.id}
      style="left: ${100*n/s.width}%; top: ${100*r/s.height}%;
        --chip: ${o}; --chip-text: ${gs(o)}"
      title="${t.seat.id}: ${this.t(`state.${t.state}`)}"
      @pointerdown=${a=>this.pointerDown(t.seat,a)}
      @pointerup=${a=>this.pointerUp(t.seat,a)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${a=>this.openMenu(t.seat,a)}>
      <span class="id">${t.seat.id}</span>${c}
    </button>`}renderLegend(t){return u`<div class="legend">
      ${Ot.map(s=>{let n=t.filter(r=>r.state===s).length;return u`<span class="entry ${n?"":"none"}" data-state=${s}>
          <span class="swatch" style="background: ${M[s]}"></span>
          ${this.t(`state.${s}`)} ${n}
        </span>`})}
    </div>`}renderMenu(t){let s=!!this.hass?.user?.is_admin&&t.device_id;return u`<div class="menu" role="menu" data-seat=${t.id}>
      <div class="menu-title">${t.id}</div>
      <button role="menuitem" @click=${()=>this.moreInfo(t)}>${this.t("action.more_info")}</button>
      ${s?u`<button role="menuitem" data-action="reset_seat"
              @click=${()=>this.runAction(t,"reset_seat")}>${this.t("action.reset_seat")}</button>
            <button role="menuitem" data-action="capture_baseline"
              @click=${()=>this.runAction(t,"capture_baseline")}>
              ${this.t("action.capture_baseline")}
            </button>`:f}
      <button role="menuitem" @click=${()=>this.menuSeat=void 0}>${this.t("action.cancel")}</button>
    </div>`}pointerDown(t,s){s.button===0&&(this.held=!1,this.cancelHold(),this.holdTimer=window.setTimeout(()=>{this.held=!0,this.menuSeat=t},us))}pointerUp(t,s){s.button===0&&(this.cancelHold(),!this.held&&!this.menuSeat&&this.moreInfo(t),this.held=!1)}cancelHold(){window.clearTimeout(this.holdTimer),this.holdTimer=void 0}openMenu(t,s){s.preventDefault(),this.cancelHold(),this.menuSeat=t}moreInfo(t){this.menuSeat=void 0;let s=t.entities.occupied??t.entities.state;s&&F(this,"hass-more-info",{entityId:s})}async runAction(t,s){this.menuSeat=void 0;let n=`${t.id} \xB7 ${this.t(`action.${s}`)}`;try{await this.hass.callService("seatsense",s,{device_id:t.device_id}),this.showToast(this.t("action.done",{action:n}))}catch(r){this.showToast(this.t("action.failed",{action:n,error:H(r)}))}}showToast(t){this.toast=t,window.clearTimeout(this.toastTimer),this.toastTimer=window.setTimeout(()=>this.toast=void 0,ps)}};w.styles=C`
    :host {
      display: block;
    }
    ha-card {
      overflow: hidden;
      height: 100%;
    }
    .message {
      padding: 16px;
      color: var(--secondary-text-color);
    }
    .map {
      position: relative;
      width: 100%;
      background: var(--secondary-background-color, #e0e0e0);
      user-select: none;
      -webkit-user-select: none;
      touch-action: manipulation;
    }
    img,
    svg,
    .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    img {
      object-fit: fill;
      display: block;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    polygon.seat {
      fill-opacity: 0.3;
      stroke-width: 3;
      stroke-linejoin: round;
      vector-effect: non-scaling-stroke;
      cursor: pointer;
    }
    polygon.seat.abandoned {
      fill-opacity: 0.45;
      stroke-width: 5;
    }
    polygon.seat.unknown {
      fill-opacity: 1;
      stroke-dasharray: 6 4;
    }
    .label {
      position: absolute;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 1px;
      padding: 2px 6px;
      border: none;
      border-radius: 8px;
      background: var(--chip);
      color: var(--chip-text);
      font: inherit;
      font-size: 12px;
      line-height: 1.2;
      white-space: nowrap;
      cursor: pointer;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
    }
    .label .id {
      font-weight: 600;
    }
    .label .detail,
    .label .hogged {
      font-size: 11px;
    }
    .label .hogged {
      font-weight: 600;
    }
    .label.unknown {
      outline: 2px dashed var(--chip-text);
      outline-offset: -3px;
    }
    .banner {
      position: absolute;
      left: 8px;
      top: 8px;
      padding: 2px 8px;
      border-radius: 6px;
      background: rgba(0, 0, 0, 0.6);
      color: #fff;
      font-size: 12px;
    }
    .banner.offline {
      background: ${x(M.unknown)};
      color: #000;
      font-weight: 600;
    }
    .menu {
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      min-width: 200px;
      padding: 8px;
      border-radius: 12px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.4);
      z-index: 2;
    }
    .menu-title {
      font-weight: 600;
      padding: 4px 8px 8px;
    }
    .menu button {
      text-align: start;
      padding: 10px 8px;
      border: none;
      border-radius: 8px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .menu button:hover,
    .menu button:focus-visible {
      background: var(--secondary-background-color, #eee);
    }
    .toast {
      position: absolute;
      left: 8px;
      right: 8px;
      bottom: 8px;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--primary-text-color, #222);
      color: var(--card-background-color, #fff);
      font-size: 13px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 8px 12px 10px;
      font-size: 13px;
      color: var(--primary-text-color);
    }
    .legend .entry {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .legend .entry.none {
      color: var(--secondary-text-color);
    }
    .legend .swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
    }
  `,p([S({attribute:!1})],w.prototype,"hass",2),p([m()],w.prototype,"config",2),p([m()],w.prototype,"siteLayout",2),p([m()],w.prototype,"layoutError",2),p([m()],w.prototype,"frame",2),p([m()],w.prototype,"frameMissing",2),p([m()],w.prototype,"menuSeat",2),p([m()],w.prototype,"toast",2);var ye="ll-strategy-dashboard-seatsense",ve="ll-strategy-view-seatsense",ys=["occupied_seats","occupancy_rate","abandoned_seats","entries_today","average_stay"];function vs(i,e){return i.title.toLowerCase().replace(/[^a-z0-9]+/g,"-").replace(/^-+|-+$/g,"")||`site-${e+1}`}function bs(i,e){let t=ys.filter(n=>e.entities?.[n]).map(n=>({type:"tile",entity:e.entities[n],name:E(i,`total.${n}`),grid_options:{columns:6}})),s=[{type:"heading",heading:E(i,"totals"),icon:"mdi:seat",heading_style:"title"},...t];return e.loaded||s.push({type:"markdown",content:E(i,"not_running")}),{type:"grid",column_span:2,cards:s}}function _s(i,e,t){let s=["connected","people"].map(o=>t.entities[o]).filter(o=>!!o).map(o=>({type:"entity",entity:o})),n={entry_id:e.entry_id,camera_id:t.camera_id},r=[{type:"heading",heading:t.name,icon:"mdi:cctv",heading_style:"title",badges:s}];return t.seats.length===0?r.push({type:"markdown",content:E(i,"no_seats")}):r.push({type:`custom:${dt}`,...n}),r.push({type:`custom:${j}`,...n,show_legend:!1}),{type:"grid",cards:r}}function be(i,e,t){return{title:e.title,path:vs(e,t),icon:"mdi:seat",type:"sections",max_columns:2,sections:[bs(i,e),...e.cameras.map(s=>_s(i,e,s))]}}function _e(i,e,t){let s=e.sites.filter(n=>!t||n.entry_id===t);return s.length===0?{title:"seatsense",views:[{title:"seatsense",path:"seatsense",cards:[{type:"markdown",content:E(i,"no_sites")}]}]}:{title:s.length===1?s[0].title:"seatsense",views:s.map((n,r)=>be(i,n,r))}}var gt=class{static async generate(e,t){return _e(t,await $(t),e.entry_id)}},yt=class{static async generate(e,t){let s=await $(t),n=Math.max(0,s.sites.findIndex(o=>o.entry_id===e.entry_id)),r=s.sites[n];return r?be(t,r,n):_e(t,s).views[0]}};var vt=(i,e,t)=>Math.min(t,Math.max(e,i));function $e([i,e]){return[Math.round(i),Math.round(e)]}function Ft([i,e],t,s){return[vt(Math.round(i),0,t),vt(Math.round(e),0,s)]}function $s(i){return i.length===0?"A1":jt(i[i.length-1].id,1,i.map(e=>e.id))[0]}function xe(i,e,t=$s(i)){return[...i,{id:t,polygon:e.map($e)}]}function we(i,e){return i.filter((t,s)=>s!==e)}function Se(i,e,t){return i.map((s,n)=>n===e?{...s,id:t}:s)}function Ae(i,e,t,s,n,r){return i.map((o,c)=>c===e?{...o,polygon:o.polygon.map((a,l)=>l===t?Ft(s,n,r):a)}:o)}function Ee(i,e,t,s,n,r){let[o,c,a,l]=ut(i[e].polygon),d=Math.round(vt(t,Math.min(0,-o),Math.max(0,n-a))),h=Math.round(vt(s,Math.min(0,-c),Math.max(0,r-l)));return i.map((g,b)=>b===e?{...g,polygon:fe(g.polygon,d,h)}:g)}function ke(i,e,t,s){return i.map((n,r)=>{if(r!==e)return n;let o=[...n.polygon];return o.splice(t+1,0,$e(s)),{...n,polygon:o}})}function Ce(i,e,t){return i.map((s,n)=>n===e&&s.polygon.length>3?{...s,polygon:s.polygon.filter((r,o)=>o!==t)}:s)}function Pe(i,e,t,s){let n=mt(i[e],t,s,i.map(r=>r.id));return[...i,...n]}var bt=class{constructor(e=[]){this.current=e;this.past=[];this.future=[]}get seats(){return this.current}get canUndo(){return this.past.length>0}get canRedo(){return this.future.length>0}apply(e){e!==this.current&&(this.past.push(this.current),this.future=[],this.current=e)}preview(e){this.current=e}commit(e){if(JSON.stringify(e)===JSON.stringify(this.current)){this.current=e;return}this.past.push(e),this.future=[]}undo(){let e=this.past.pop();e!==void 0&&(this.future.push(this.current),this.current=e)}redo(){let e=this.future.pop();e!==void 0&&(this.past.push(this.current),this.current=e)}reset(e){this.past=[],this.future=[],this.current=e}};var Re="seatsense-editor-panel",Te=12,tt=1.25,xs=8,ws=500,Ss=6e4,Vt="#56B4E9",_t="#F0E442",$t="#CC79A7",y=class extends _{constructor(){super(...arguments);this.narrow=!1;this.frameState="loading";this.tool="select";this.selected=-1;this.draft=[];this.copies=7;this.zoom=null;this.scale=1;this.saving=!1;this.version=0;this.history=new bt;this.savedJson="[]";this.resizeObserver=new ResizeObserver(()=>this.measure());this.keyHandler=t=>this.onKey(t)}connectedCallback(){super.connectedCallback(),window.addEventListener("keydown",this.keyHandler)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("keydown",this.keyHandler),this.resizeObserver.disconnect(),this.frame&&URL.revokeObjectURL(this.frame.url)}updated(t){t.has("hass")&&this.hass&&!this.layout&&this.loadLayout(),this.stage&&this.resizeObserver.observe(this.stage)}t(t,s){return A(this.hass,t,s)}get site(){return this.layout?.sites.find(t=>t.entry_id===this.entryId)}get camera(){return this.site?.cameras.find(t=>t.camera_id===this.cameraId)}get seats(){return this.history.seats}get dirty(){return JSON.stringify(this.seats)!==this.savedJson}async loadLayout(){if(!this.hass)return;this.layout=await $(this.hass);let t=this.site??this.layout.sites.find(s=>s.cameras.length>0);t&&!this.camera&&this.pickCamera(t.entry_id,t.cameras[0]?.camera_id)}pickCamera(t,s){if(this.dirty&&!window.confirm(this.t("status.unsaved"))){this.version++;return}this.entryId=t,this.cameraId=s,this.resetDocument(),this.loadFrame()}resetDocument(){let t=(this.camera?.seats??[]).map(s=>({id:s.id,polygon:s.polygon.map(([n,r])=>[n,r])}));this.history.reset(t),this.savedJson=JSON.stringify(t),this.selected=-1,this.draft=[],this.drag=void 0,this.status=void 0,this.version++}async loadFrame(){let t=this.camera;if(!(!this.hass||!this.entryId||!t)){this.frameState="loading";try{let s=await et(this.hass,this.entryId,t.camera_id);this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=s,this.frameState="ready"}catch{this.frame=void 0,this.frameState="missing"}}}edit(t){this.history.apply(t),this.changed()}changed(){this.status=void 0,this.selected>=this.seats.length&&(this.selected=-1),this.version++}measure(){let t=this.camera;if(!this.stage||!t)return;let s=this.stage.getBoundingClientRect().width;s>0&&(this.scale=s/t.width)}framePoint(t){let s=this.canvas?.getScreenCTM();if(!this.canvas||!s)return[0,0];let n=new DOMPoint(t.clientX,t.clientY).matrixTransform(s.inverse());return[n.x,n.y]}get hitRadius(){return Te/this.scale}setZoom(t){this.zoom=t===null?null:Math.min(xs,Math.max(.1,t))}zoomBy(t){this.setZoom((this.zoom??this.scale)*t)}onPointerDown(t){let s=this.camera;if(t.button!==0||!s)return;t.preventDefault(),this.shadowRoot?.activeElement?.blur();let n=this.framePoint(t);t.currentTarget.setPointerCapture(t.pointerId),this.tool==="draw"?this.addDraftPoint(n):this.tool==="row"?(this.selected<0&&(this.selected=Ut(this.seats,n)),this.selected>=0?this.drag={kind:"row",seat:this.selected,from:n,to:n}:this.status={text:this.t("hint.row_pick"),kind:"info"}):this.startSelectDrag(n)}startSelectDrag(t){let s=this.selected>=0?[this.seats[this.selected]]:[],n=ft(s,t,this.hitRadius),r=n?{...n,seat:this.selected}:ft(this.seats,t,this.hitRadius);if(r){this.selected=r.seat,this.drag={kind:"corner",seat:r.seat,corner:r.corner,start:this.seats};return}if(zt(s,t,this.hitRadius))return;let o=Ut(this.seats,t);this.selected=o,o>=0&&(this.drag={kind:"seat",seat:o,from:t,start:this.seats})}onPointerMove(t){let s=this.camera;if(!s)return;let n=this.framePoint(t);this.hover=n;let r=this.drag;if(r){if(r.kind==="corner")this.history.preview(Ae(r.start,r.seat,r.corner,n,s.width,s.height));else if(r.kind==="seat"){let[o,c]=[n[0]-r.from[0],n[1]-r.from[1]];this.history.preview(Ee(r.start,r.seat,o,c,s.width,s.height))}else{this.drag={...r,to:n};return}this.version++}}onPointerUp(t){let s=this.drag;if(this.drag=void 0,!!s){if(s.kind==="row"){let n=this.framePoint(t),r=[n[0]-s.from[0],n[1]-s.from[1]];Math.hypot(r[0],r[1])*this.scale>Te&&this.copies>0&&(this.edit(Pe(this.seats,s.seat,r,this.copies)),this.tool="select");return}this.history.commit(s.start),this.version++}}onPointerCancel(){let t=this.drag;this.drag=void 0,t&&t.kind!=="row"&&(this.history.preview(t.start),this.version++)}onDoubleClick(t){if(this.tool!=="select"||this.selected<0)return;let s=this.framePoint(t),n=ft([this.seats[this.selected]],s,this.hitRadius);if(n){this.edit(Ce(this.seats,this.selected,n.corner));return}let r=zt([this.seats[this.selected]],s,this.hitRadius);r&&this.edit(ke(this.seats,this.selected,r.edge,r.point))}addDraftPoint(t){let s=this.camera,n=this.draft[0];if(n&&this.draft.length>=3&&Math.hypot(n[0]-t[0],n[1]-t[1])<=this.hitRadius){this.finishDraft();return}this.draft=[...this.draft,Ft(t,s.width,s.height)]}finishDraft(){this.draft.length>=3&&(this.edit(xe(this.seats,this.draft)),this.selected=this.seats.length-1),this.draft=[]}setTool(t){this.tool==="draw"&&t!=="draw"&&(this.draft=[]),this.tool=t,this.status=t==="row"&&this.selected<0?{text:this.t("hint.row_pick"),kind:"info"}:void 0}deleteSelected(){this.selected<0||(this.edit(we(this.seats,this.selected)),this.selected=-1)}rename(t){this.selected<0||this.seats[this.selected].id===t||this.edit(Se(this.seats,this.selected,t))}undo(){this.history.undo(),this.changed()}redo(){this.history.redo(),this.changed()}revert(){this.resetDocument()}errors(){let t=this.camera;return t?ge(this.seats,t.width,t.height,this.layout?.max_seat_overlap??.5):[]}async save(){let t=this.camera;if(!(!this.hass||!this.entryId||!t||this.saving)){if(!Kt(this.errors())){this.status={text:this.t(this.seats.length?"status.fix_first":"error.empty_layout"),kind:"error"};return}this.saving=!0,this.status={text:this.t("status.saving"),kind:"info"};try{let s=await Wt(this.hass,this.entryId,t.camera_id,[...this.seats]);this.savedJson=JSON.stringify(this.seats),this.status={text:s.changed?this.t("status.saved",{n:s.seats}):this.t("status.unchanged"),kind:"ok"},s.changed&&this.followReload()}catch(s){this.status={text:this.t("status.refused",{reason:H(s)}),kind:"error"}}finally{this.saving=!1}}}async followReload(){let t=this.entryId,s=this.cameraId,n=Date.now()+Ss;for(;Date.now()<n&&this.hass;){await new Promise(a=>window.setTimeout(a,ws));let r=await $(this.hass).catch(()=>{}),o=r?.sites.find(a=>a.entry_id===t),c=o?.cameras.find(a=>a.camera_id===s);if(o?.loaded&&c&&c.seats.every(a=>a.device_id)){let a=this.dirty;this.layout=r,!a&&this.entryId===t&&this.cameraId===s&&(this.savedJson=JSON.stringify(this.seats));return}}}onKey(t){if(!this.isConnected||!this.camera)return;let s=t.composedPath().some(c=>c instanceof HTMLInputElement||c instanceof HTMLSelectElement),n=t.ctrlKey||t.metaKey,r=t.key.toLowerCase(),o=this.keyAction(r,n,t.shiftKey,s);o&&(t.preventDefault(),t.stopPropagation(),o())}keyAction(t,s,n,r){return s&&t==="s"?()=>void this.save():r?void 0:s&&(t==="y"||t==="z"&&n)?()=>this.redo():s&&t==="z"?()=>this.undo():s?void 0:{n:()=>this.setTool("draw"),v:()=>this.setTool("select"),r:()=>this.setTool("row"),delete:()=>this.deleteSelected(),backspace:()=>this.draft.length?this.draft=this.draft.slice(0,-1):this.deleteSelected(),f2:()=>this.idInput?.select(),enter:()=>this.finishDraft(),escape:()=>{this.draft=[],this.drag=void 0,this.selected=-1},"+":()=>this.zoomBy(tt),"=":()=>this.zoomBy(tt),"-":()=>this.zoomBy(1/tt),0:()=>this.setZoom(null)}[t]}render(){if(!this.hass)return f;if(this.layout&&this.layout.sites.length===0)return u`${this.renderToolbar()}<div class="empty">${this.t("panel.no_sites")}</div>`;let t=this.errors();return u`
      ${this.renderToolbar()}
      <div class="body ${this.narrow?"narrow":""}">
        <div class="viewport">${this.camera?this.renderStage(t):f}</div>
        ${this.renderSide(t)}
      </div>
    `}renderToolbar(){let t=this.layout?.sites??[],s=Kt(this.errors());return u`<div class="toolbar">
      <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
      <div class="title">${this.t("panel.title")}</div>
      <select class="site" aria-label=${this.t("panel.site")} .value=${this.entryId??""} data-v=${this.version}
        @change=${n=>{let r=t.find(o=>o.entry_id===n.target.value);r&&this.pickCamera(r.entry_id,r.cameras[0]?.camera_id)}}>
        ${t.map(n=>u`<option value=${n.entry_id} ?selected=${n.entry_id===this.entryId}>${n.title}</option>`)}
      </select>
      <select class="camera" aria-label=${this.t("panel.camera")} .value=${this.cameraId??""} data-v=${this.version}
        @change=${n=>this.pickCamera(this.entryId,n.target.value)}>
        ${(this.site?.cameras??[]).map(n=>u`<option value=${n.camera_id} ?selected=${n.camera_id===this.cameraId}>${n.name}</option>`)}
      </select>
      <span class="spacer"></span>
      ${this.dirty?u`<span class="dirty">${this.t("status.unsaved")}</span>`:f}
      <button class="undo" ?disabled=${!this.history.canUndo} title="Ctrl+Z" @click=${()=>this.undo()}>${this.t("tool.undo")}</button>
      <button class="redo" ?disabled=${!this.history.canRedo} title="Ctrl+Y" @click=${()=>this.redo()}>${this.t("tool.redo")}</button>
      <button class="save primary" ?disabled=${!s||this.saving||!this.camera} title="Ctrl+S"
        @click=${()=>void this.save()}>${this.t("tool.save")}</button>
    </div>`}renderStage(t){let s=this.camera,n=this.zoom===null?"100%":`${s.width*this.zoom}px`;return u`<div class="stage" style="width: ${n}; aspect-ratio: ${s.width} / ${s.height}">
      ${this.frame?u`<img src=${this.frame.url} alt=${s.name} draggable="false" />`:u`<div class="blank">${this.frameState==="loading"?this.t("loading"):this.t("panel.no_frame")}</div>`}
      <svg class="canvas tool-${this.tool}" viewBox="0 0 ${s.width} ${s.height}"
        preserveAspectRatio="none"
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerCancel}
        @dblclick=${this.onDoubleClick}>
        ${this.seats.map((r,o)=>this.renderSeat(r.id,r.polygon,o,t[o]??[]))}
        ${this.renderRowPreview()} ${this.renderDraft()}
        ${this.selected>=0&&this.seats[this.selected]?this.renderHandles(this.seats[this.selected].polygon):f}
      </svg>
    </div>`}renderSeat(t,s,n,r){let o=n===this.selected,c=r.length?$t:o?_t:Vt,[a,l]=s.length?pt(s):[0,0],d=14/this.scale,h=r.length?`${t} \u26A0 ${this.errorText(r[0])}`:t;return I`<g class="seat ${r.length?"invalid":""} ${o?"selected":""}" data-seat=${t}>
      <polygon points=${s.map(g=>g.join(",")).join(" ")} fill=${c} fill-opacity="0.25"
        stroke=${c} stroke-width=${o?3:2} vector-effect="non-scaling-stroke"
        stroke-dasharray=${r.length?"8 4":"none"}></polygon>
      <text x=${a} y=${l} font-size=${d} text-anchor="middle" dominant-baseline="middle"
        stroke-width=${d/4} class="seat-label">${h}</text>
    </g>`}renderHandles(t){let s=6/this.scale;return t.map(([n,r],o)=>I`<circle class="handle" data-corner=${o} cx=${n} cy=${r} r=${s}
        stroke-width=${1.5/this.scale}></circle>`)}renderDraft(){if(this.tool!=="draw"||this.draft.length===0)return f;let t=[...this.draft,...this.hover?[this.hover]:[]],s=5/this.scale;return I`<polyline class="draft" points=${t.map(n=>n.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polyline>
      ${this.draft.map(([n,r],o)=>I`<circle class="draft-corner ${o===0?"first":""}" cx=${n} cy=${r} r=${s}></circle>`)}`}renderRowPreview(){let t=this.drag;if(t?.kind!=="row"||!this.seats[t.seat])return f;let s=[t.to[0]-t.from[0],t.to[1]-t.from[1]];return mt(this.seats[t.seat],s,this.copies,this.seats.map(r=>r.id)).map(r=>I`<polygon class="ghost" points=${r.polygon.map(o=>o.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polygon>`)}errorText(t){return this.t(`error.${t.code}`,{other:t.other??"",percent:t.percent??0,max:Math.round((this.layout?.max_seat_overlap??.5)*100)})}renderSide(t){let s=this.selected>=0?this.seats[this.selected]:void 0,n=this.tool==="draw"?"hint.draw":this.tool==="row"?"hint.row":"hint.select";return u`<aside class="side">
      <div class="tools" role="toolbar">
        ${["select","draw","row"].map(r=>u`<button class="tool ${r} ${this.tool===r?"active":""}"
            aria-pressed=${this.tool===r} @click=${()=>this.setTool(r)}>${this.t(`tool.${r}`)}</button>`)}
        <label class="copies">${this.t("tool.copies")}
          <input type="number" min="1" max="50" .value=${String(this.copies)}
            @change=${r=>this.copies=Math.max(1,Math.min(50,Number(r.target.value)||1))} />
        </label>
      </div>
      <div class="tools">
        <button class="zoom-out" @click=${()=>this.zoomBy(1/tt)}>${this.t("tool.zoom_out")}</button>
        <button class="zoom-fit" @click=${()=>this.setZoom(null)}>${this.t("tool.zoom_fit")}</button>
        <button class="zoom-in" @click=${()=>this.zoomBy(tt)}>${this.t("tool.zoom_in")}</button>
        <button class="delete" ?disabled=${!s} @click=${()=>this.deleteSelected()}>${this.t("tool.delete")}</button>
        <button class="revert" ?disabled=${!this.dirty} @click=${()=>this.revert()}>${this.t("tool.revert")}</button>
      </div>
      <p class="hint">${this.t(n)}</p>
      ${this.status?u`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>`:f}
      ${this.frame?.blurred?u`<p class="note">${this.t("panel.blurred")}</p>`:f}
      <label class="seat-field">${this.t("seat.id")}
        <input class="seat-id" .value=${s?.id??""} ?disabled=${!s} placeholder=${this.t("seat.none")}
          @change=${r=>this.rename(r.target.value)}
          @keydown=${r=>r.key==="Enter"&&r.target.blur()} />
      </label>
      <div class="count">${this.t("seats.count",{n:this.seats.length})}</div>
      <ul class="seat-list">
        ${this.seats.map((r,o)=>u`<li class="${o===this.selected?"selected":""} ${t[o]?.length?"invalid":""}"
            data-seat=${r.id} @click=${()=>this.selected=o}>
            <span class="id">${r.id}</span>
            ${(t[o]??[]).map(c=>u`<span class="error" data-code=${c.code}>${this.errorText(c)}</span>`)}
          </li>`)}
      </ul>
      <p class="keys">${this.t("hint.keys")}</p>
    </aside>`}};y.styles=C`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--primary-background-color);
      color: var(--primary-text-color);
      font-family: var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif);
    }
    .toolbar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      min-height: 56px;
      padding: 4px 12px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, #fff);
    }
    .toolbar .title {
      font-size: 20px;
      margin-inline-end: 8px;
    }
    .spacer {
      flex: 1;
    }
    .dirty {
      font-size: 13px;
      opacity: 0.9;
    }
    button,
    select,
    input {
      font: inherit;
      font-size: 14px;
      padding: 6px 10px;
      border-radius: 6px;
      border: 1px solid var(--divider-color, #bbb);
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
    }
    button {
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button.primary {
      background: var(--accent-color, #ff9800);
      color: #000;
      border-color: transparent;
      font-weight: 600;
    }
    button.active {
      outline: 2px solid var(--primary-color, #03a9f4);
      font-weight: 600;
    }
    .body {
      flex: 1;
      display: flex;
      min-height: 0;
    }
    .body.narrow {
      flex-direction: column;
    }
    .viewport {
      flex: 1;
      overflow: auto;
      padding: 12px;
      min-height: 0;
    }
    .stage {
      position: relative;
      user-select: none;
      -webkit-user-select: none;
      max-width: none;
      background: var(--secondary-background-color, #ddd);
    }
    .stage img,
    .stage svg,
    .stage .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .stage img {
      object-fit: fill;
      user-select: none;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    svg.canvas {
      touch-action: none;
      cursor: default;
    }
    svg.canvas.tool-draw {
      cursor: crosshair;
    }
    svg.canvas.tool-row {
      cursor: copy;
    }
    .seat polygon {
      cursor: move;
    }
    .seat-label {
      fill: #fff;
      stroke: #000;
      paint-order: stroke;
      font-weight: 600;
      pointer-events: none;
    }
    .seat.invalid .seat-label {
      fill: ${x($t)};
    }
    .handle {
      fill: ${x(_t)};
      stroke: #000;
      cursor: grab;
    }
    .draft {
      fill: none;
      stroke: ${x(_t)};
      stroke-width: 2;
      stroke-dasharray: 6 3;
    }
    .draft-corner {
      fill: ${x(_t)};
      stroke: #000;
    }
    .draft-corner.first {
      fill: #fff;
    }
    .ghost {
      fill: ${x(Vt)};
      fill-opacity: 0.2;
      stroke: ${x(Vt)};
      stroke-width: 2;
      stroke-dasharray: 4 4;
    }
    .side {
      width: 320px;
      flex: none;
      overflow: auto;
      padding: 12px;
      border-inline-start: 1px solid var(--divider-color, #ccc);
      background: var(--card-background-color, #fff);
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .narrow .side {
      width: auto;
      border-inline-start: none;
      border-top: 1px solid var(--divider-color, #ccc);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .copies input {
      width: 4em;
      margin-inline-start: 4px;
    }
    .hint,
    .keys,
    .note {
      margin: 0;
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status {
      margin: 0;
      padding: 8px;
      border-radius: 6px;
      font-size: 14px;
    }
    .status.error {
      background: rgba(204, 121, 167, 0.2);
      border: 1px solid ${x($t)};
    }
    .status.ok {
      background: rgba(0, 158, 115, 0.15);
      border: 1px solid #009e73;
    }
    .seat-field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 13px;
    }
    .count {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .seat-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .seat-list li {
      display: flex;
      flex-direction: column;
      padding: 6px 8px;
      border-radius: 6px;
      cursor: pointer;
    }
    .seat-list li.selected {
      background: var(--secondary-background-color, #eee);
    }
    .seat-list .id {
      font-weight: 600;
    }
    .seat-list .error {
      font-size: 13px;
      color: ${x($t)};
    }
    .empty {
      padding: 24px;
    }
  `,p([S({attribute:!1})],y.prototype,"hass",2),p([S({type:Boolean})],y.prototype,"narrow",2),p([m()],y.prototype,"layout",2),p([m()],y.prototype,"entryId",2),p([m()],y.prototype,"cameraId",2),p([m()],y.prototype,"frame",2),p([m()],y.prototype,"frameState",2),p([m()],y.prototype,"tool",2),p([m()],y.prototype,"selected",2),p([m()],y.prototype,"draft",2),p([m()],y.prototype,"hover",2),p([m()],y.prototype,"drag",2),p([m()],y.prototype,"copies",2),p([m()],y.prototype,"zoom",2),p([m()],y.prototype,"scale",2),p([m()],y.prototype,"status",2),p([m()],y.prototype,"saving",2),p([m()],y.prototype,"version",2),p([ct("svg.canvas")],y.prototype,"canvas",2),p([ct(".stage")],y.prototype,"stage",2),p([ct("input.seat-id")],y.prototype,"idInput",2);var L=class extends _{constructor(){super(...arguments);this.loading=!1}setConfig(t){this.config=t}updated(){this.hass&&!this.layout&&!this.loading&&(this.loading=!0,$(this.hass).then(t=>this.layout=t).finally(()=>this.loading=!1))}t(t){return A(this.hass,t)}change(t){let s={...this.config,...t};for(let n of Object.keys(s))(s[n]===void 0||s[n]==="")&&delete s[n];this.config=s,F(this,"config-changed",{config:s})}pickSite(t){let s=this.layout?.sites.find(n=>n.entry_id===t);this.change({entry_id:t,camera_id:s?.cameras[0]?.camera_id})}render(){if(!this.config||!this.hass)return f;let t=this.layout?.sites??[],s=t.find(n=>n.entry_id===this.config?.entry_id)??t[0];return u`
      <div class="form">
        <label>
          <span>${this.t("config.site")}</span>
          <select name="site" @change=${n=>this.pickSite(n.target.value)}>
            ${t.map(n=>u`<option value=${n.entry_id} ?selected=${n.entry_id===s?.entry_id}>${n.title}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.camera")}</span>
          <select name="camera" @change=${n=>this.change({entry_id:s?.entry_id,camera_id:n.target.value})}>
            ${(s?.cameras??[]).map(n=>u`<option value=${n.camera_id} ?selected=${n.camera_id===this.config?.camera_id}>${n.name}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.title")}</span>
          <input name="title" .value=${this.config.title??""}
            @change=${n=>this.change({title:n.target.value})} />
        </label>
        <label class="check">
          <input type="checkbox" name="show_legend" .checked=${this.config.show_legend!==!1}
            @change=${n=>this.change({show_legend:n.target.checked?void 0:!1})} />
          <span>${this.t("config.show_legend")}</span>
        </label>
      </div>
    `}};L.styles=C`
    .form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      color: var(--primary-text-color);
    }
    label.check {
      flex-direction: row;
      align-items: center;
      gap: 8px;
    }
    select,
    input:not([type]) {
      padding: 8px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
    }
  `,p([S({attribute:!1})],L.prototype,"hass",2),p([m()],L.prototype,"config",2),p([m()],L.prototype,"layout",2);var As=3e4;function V(i,e){window.customElements.get(i)||window.customElements.define(i,e)}function Es(i){let e=Date.now(),t=()=>{window.customElements.get("home-assistant")||Date.now()-e>As?i():window.setTimeout(t,50)};t()}Es(()=>{V(j,w),V(Bt,L),V(Re,y),V(dt,T),V(ye,gt),V(ve,yt)});var Ie=window.customCards??=[];Ie.some(i=>i.type===j)||Ie.push({type:j,name:"seatsense seat map",description:"A camera's picture with its seats coloured by state, vacancy and hogging minutes.",preview:!0});
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
