var We=Object.defineProperty;var qe=Object.getOwnPropertyDescriptor;var h=(n,e,t,s)=>{for(var i=s>1?void 0:s?qe(e,t):e,r=n.length-1,o;r>=0;r--)(o=n[r])&&(i=(s?o(e,t,i):o(i))||i);return s&&i&&We(e,t,i),i};var nt=globalThis,rt=nt.ShadowRoot&&(nt.ShadyCSS===void 0||nt.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,kt=Symbol(),Xt=new WeakMap,G=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==kt)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(rt&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=Xt.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&Xt.set(t,e))}return e}toString(){return this.cssText}},w=n=>new G(typeof n=="string"?n:n+"",void 0,kt),E=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((s,i,r)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[r+1],n[0]);return new G(t,n,kt)},Qt=(n,e)=>{if(rt)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),i=nt.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=t.cssText,n.appendChild(s)}},At=rt?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return w(t)})(n):n;var{is:Ge,defineProperty:Ye,getOwnPropertyDescriptor:Je,getOwnPropertyNames:Ze,getOwnPropertySymbols:Xe,getPrototypeOf:Qe}=Object,ot=globalThis,te=ot.trustedTypes,ts=te?te.emptyScript:"",es=ot.reactiveElementPolyfillSupport,Y=(n,e)=>n,J={toAttribute(n,e){switch(e){case Boolean:n=n?ts:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},at=(n,e)=>!Ge(n,e),ee={attribute:!0,type:String,converter:J,reflect:!1,useDefault:!1,hasChanged:at};Symbol.metadata??=Symbol("metadata"),ot.litPropertyMetadata??=new WeakMap;var T=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ee){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(e,s,t);i!==void 0&&Ye(this.prototype,e,i)}}static getPropertyDescriptor(e,t,s){let{get:i,set:r}=Je(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:i,set(o){let l=i?.call(this);r?.call(this,o),this.requestUpdate(e,l,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ee}static _$Ei(){if(this.hasOwnProperty(Y("elementProperties")))return;let e=Qe(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(Y("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(Y("properties"))){let t=this.properties,s=[...Ze(t),...Xe(t)];for(let i of s)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,i]of t)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let i=this._$Eu(t,s);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let i of s)t.unshift(At(i))}else e!==void 0&&t.push(At(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Qt(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,s);if(i!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:J).toAttribute(t,s.type);this._$Em=e,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(e,t){let s=this.constructor,i=s._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let r=s.getPropertyOptions(i),o=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:J;this._$Em=i;let l=o.fromAttribute(t,r.type);this[i]=l??this._$Ej?.get(i)??l,this._$Em=null}}requestUpdate(e,t,s,i=!1,r){if(e!==void 0){let o=this.constructor;if(i===!1&&(r=this[e]),s??=o.getPropertyOptions(e),!((s.hasChanged??at)(r,t)||s.useDefault&&s.reflect&&r===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:i,wrapped:r},o){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),r!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,r]of s){let{wrapped:o}=r,l=this[i];o!==!0||this._$AL.has(i)||l===void 0||this.C(i,void 0,r,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};T.elementStyles=[],T.shadowRootOptions={mode:"open"},T[Y("elementProperties")]=new Map,T[Y("finalized")]=new Map,es?.({ReactiveElement:T}),(ot.reactiveElementVersions??=[]).push("2.1.2");var Rt=globalThis,se=n=>n,lt=Rt.trustedTypes,ie=lt?lt.createPolicy("lit-html",{createHTML:n=>n}):void 0,ce="$lit$",O=`lit$${Math.random().toFixed(9).slice(2)}$`,de="?"+O,ss=`<${de}>`,N=document,X=()=>N.createComment(""),Q=n=>n===null||typeof n!="object"&&typeof n!="function",Lt=Array.isArray,is=n=>Lt(n)||typeof n?.[Symbol.iterator]=="function",Et=`[ 	
\f\r]`,Z=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,ne=/-->/g,re=/>/g,D=RegExp(`>|${Et}(?:([^\\s"'>=/]+)(${Et}*=${Et}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),oe=/'/g,ae=/"/g,he=/^(?:script|style|textarea|title)$/i,Ot=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),p=Ot(1),P=Ot(2),Ws=Ot(3),z=Symbol.for("lit-noChange"),u=Symbol.for("lit-nothing"),le=new WeakMap,U=N.createTreeWalker(N,129);function pe(n,e){if(!Lt(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return ie!==void 0?ie.createHTML(e):e}var ns=(n,e)=>{let t=n.length-1,s=[],i,r=e===2?"<svg>":e===3?"<math>":"",o=Z;for(let l=0;l<t;l++){let a=n[l],c,d,f=-1,g=0;for(;g<a.length&&(o.lastIndex=g,d=o.exec(a),d!==null);)g=o.lastIndex,o===Z?d[1]==="!--"?o=ne:d[1]!==void 0?o=re:d[2]!==void 0?(he.test(d[2])&&(i=RegExp("</"+d[2],"g")),o=D):d[3]!==void 0&&(o=D):o===D?d[0]===">"?(o=i??Z,f=-1):d[1]===void 0?f=-2:(f=o.lastIndex-d[2].length,c=d[1],o=d[3]===void 0?D:d[3]==='"'?ae:oe):o===ae||o===oe?o=D:o===ne||o===re?o=Z:(o=D,i=void 0);let $=o===D&&n[l+1].startsWith("/>")?" ":"";r+=o===Z?a+ss:f>=0?(s.push(c),a.slice(0,f)+ce+a.slice(f)+O+$):a+O+(f===-2?l:$)}return[pe(n,r+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},tt=class n{constructor({strings:e,_$litType$:t},s){let i;this.parts=[];let r=0,o=0,l=e.length-1,a=this.parts,[c,d]=ns(e,t);if(this.el=n.createElement(c,s),U.currentNode=this.el.content,t===2||t===3){let f=this.el.content.firstChild;f.replaceWith(...f.childNodes)}for(;(i=U.nextNode())!==null&&a.length<l;){if(i.nodeType===1){if(i.hasAttributes())for(let f of i.getAttributeNames())if(f.endsWith(ce)){let g=d[o++],$=i.getAttribute(f).split(O),I=/([.?@])?(.*)/.exec(g);a.push({type:1,index:r,name:I[2],strings:$,ctor:I[1]==="."?Ct:I[1]==="?"?Mt:I[1]==="@"?It:K}),i.removeAttribute(f)}else f.startsWith(O)&&(a.push({type:6,index:r}),i.removeAttribute(f));if(he.test(i.tagName)){let f=i.textContent.split(O),g=f.length-1;if(g>0){i.textContent=lt?lt.emptyScript:"";for(let $=0;$<g;$++)i.append(f[$],X()),U.nextNode(),a.push({type:2,index:++r});i.append(f[g],X())}}}else if(i.nodeType===8)if(i.data===de)a.push({type:2,index:r});else{let f=-1;for(;(f=i.data.indexOf(O,f+1))!==-1;)a.push({type:7,index:r}),f+=O.length-1}r++}}static createElement(e,t){let s=N.createElement("template");return s.innerHTML=e,s}};function V(n,e,t=n,s){if(e===z)return e;let i=s!==void 0?t._$Co?.[s]:t._$Cl,r=Q(e)?void 0:e._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(n),i._$AT(n,t,s)),s!==void 0?(t._$Co??=[])[s]=i:t._$Cl=i),i!==void 0&&(e=V(n,i._$AS(n,e.values),i,s)),e}var Pt=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,i=(e?.creationScope??N).importNode(t,!0);U.currentNode=i;let r=U.nextNode(),o=0,l=0,a=s[0];for(;a!==void 0;){if(o===a.index){let c;a.type===2?c=new et(r,r.nextSibling,this,e):a.type===1?c=new a.ctor(r,a.name,a.strings,this,e):a.type===6&&(c=new Tt(r,this,e)),this._$AV.push(c),a=s[++l]}o!==a?.index&&(r=U.nextNode(),o++)}return U.currentNode=N,i}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},et=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,i){this.type=2,this._$AH=u,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=V(this,e,t),Q(e)?e===u||e==null||e===""?(this._$AH!==u&&this._$AR(),this._$AH=u):e!==this._$AH&&e!==z&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):is(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==u&&Q(this._$AH)?this._$AA.nextSibling.data=e:this.T(N.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,i=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=tt.createElement(pe(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(t);else{let r=new Pt(i,this),o=r.u(this.options);r.p(t),this.T(o),this._$AH=r}}_$AC(e){let t=le.get(e.strings);return t===void 0&&le.set(e.strings,t=new tt(e)),t}k(e){Lt(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,i=0;for(let r of e)i===t.length?t.push(s=new n(this.O(X()),this.O(X()),this,this.options)):s=t[i],s._$AI(r),i++;i<t.length&&(this._$AR(s&&s._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=se(e).nextSibling;se(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},K=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,i,r){this.type=1,this._$AH=u,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=u}_$AI(e,t=this,s,i){let r=this.strings,o=!1;if(r===void 0)e=V(this,e,t,0),o=!Q(e)||e!==this._$AH&&e!==z,o&&(this._$AH=e);else{let l=e,a,c;for(e=r[0],a=0;a<r.length-1;a++)c=V(this,l[s+a],t,a),c===z&&(c=this._$AH[a]),o||=!Q(c)||c!==this._$AH[a],c===u?e=u:e!==u&&(e+=(c??"")+r[a+1]),this._$AH[a]=c}o&&!i&&this.j(e)}j(e){e===u?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},Ct=class extends K{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===u?void 0:e}},Mt=class extends K{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==u)}},It=class extends K{constructor(e,t,s,i,r){super(e,t,s,i,r),this.type=5}_$AI(e,t=this){if((e=V(this,e,t,0)??u)===z)return;let s=this._$AH,i=e===u&&s!==u||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,r=e!==u&&(s===u||i);i&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},Tt=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){V(this,e)}};var rs=Rt.litHtmlPolyfillSupport;rs?.(tt,et),(Rt.litHtmlVersions??=[]).push("3.3.3");var ue=(n,e,t)=>{let s=t?.renderBefore??e,i=s._$litPart$;if(i===void 0){let r=t?.renderBefore??null;s._$litPart$=i=new et(e.insertBefore(X(),r),r,void 0,t??{})}return i._$AI(n),i};var Ht=globalThis,v=class extends T{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=ue(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return z}};v._$litElement$=!0,v.finalized=!0,Ht.litElementHydrateSupport?.({LitElement:v});var os=Ht.litElementPolyfillSupport;os?.({LitElement:v});(Ht.litElementVersions??=[]).push("4.2.2");var as={attribute:!0,type:String,converter:J,reflect:!1,hasChanged:at},ls=(n=as,e,t)=>{let{kind:s,metadata:i}=t,r=globalThis.litPropertyMetadata.get(i);if(r===void 0&&globalThis.litPropertyMetadata.set(i,r=new Map),s==="setter"&&((n=Object.create(n)).wrapped=!0),r.set(t.name,n),s==="accessor"){let{name:o}=t;return{set(l){let a=e.get.call(this);e.set.call(this,l),this.requestUpdate(o,a,n,!0,l)},init(l){return l!==void 0&&this.C(o,void 0,n,l),l}}}if(s==="setter"){let{name:o}=t;return function(l){let a=this[o];e.call(this,l),this.requestUpdate(o,a,n,!0,l)}}throw Error("Unsupported decorator location: "+s)};function x(n){return(e,t)=>typeof t=="object"?ls(n,e,t):((s,i,r)=>{let o=i.hasOwnProperty(r);return i.constructor.createProperty(r,s),o?Object.getOwnPropertyDescriptor(i,r):void 0})(n,e,t)}function m(n){return x({...n,state:!0,attribute:!1})}var j=(n,e,t)=>(t.configurable=!0,t.enumerable=!0,Reflect.decorate&&typeof e!="object"&&Object.defineProperty(n,e,t),t);function ct(n,e){return(t,s,i)=>{let r=o=>o.renderRoot?.querySelector(n)??null;if(e){let{get:o,set:l}=typeof s=="object"?t:i??(()=>{let a=Symbol();return{get(){return this[a]},set(c){this[a]=c}}})();return j(t,s,{get(){let a=o.call(this);return a===void 0&&(a=r(this),(a!==null||this.hasUpdated)&&l.call(this,a)),a}})}return j(t,s,{get(){return r(this)}})}}function S(n){return n.callWS({type:"seatsense/layout"})}async function dt(n,e,t){let s=await n.callWS({type:"seatsense/frame",entry_id:e,camera_id:t}),i=Uint8Array.from(atob(s.image),o=>o.charCodeAt(0));return{url:URL.createObjectURL(new Blob([i],{type:s.content_type})),blurred:s.blurred}}function fe(n,e,t,s){return n.callWS({type:"seatsense/save_layout",entry_id:e,camera_id:t,seats:s.map(i=>({id:i.id,polygon:i.polygon.map(r=>[r[0],r[1]])}))})}function ht(n,e,t){for(let s of n?.sites??[]){if(e&&s.entry_id!==e)continue;let i=s.cameras.find(r=>r.camera_id===t);if(i)return{site:s,camera:i}}}function C(n){return n&&typeof n=="object"&&"message"in n?String(n.message):String(n)}async function pt(n,e){let t=await n.callWS({type:"seatsense/floor_plan",entry_id:e}),s=Uint8Array.from(atob(t.image),r=>r.charCodeAt(0));return{url:URL.createObjectURL(new Blob([s],{type:t.content_type})),width:t.width,height:t.height,seats:t.seats}}function me(n,e,t){return n.callWS({type:"seatsense/floor_plan/upload",entry_id:e,image:t})}function ge(n,e,t){let s=Object.entries(t).flatMap(([i,r])=>Object.entries(r).map(([o,l])=>({camera_id:i,seat_id:o,points:l})));return n.callWS({type:"seatsense/floor_plan/place_seats",entry_id:e,seats:s})}function Dt(n,e,t){if(n.length!==1)return n.map(([o,l])=>[o*e,l*t]);let[s,i]=[n[0][0]*e,n[0][1]*t],r=.05*Math.min(e,t)/2;return Array.from({length:8},(o,l)=>{let a=Math.PI/4*l+Math.PI/8;return[s+r*Math.cos(a),i+r*Math.sin(a)]})}function Ut(n,e){return n.cameras.flatMap(t=>t.seats.flatMap(s=>{let i=e.seats[t.camera_id]?.[s.id];return i?.length?[{...s,polygon:Dt(i,e.width,e.height)}]:[]}))}function ye(n,e,t=.01){let s=a=>Math.min(1,Math.max(0,a)),[i,r]=[s(Math.min(n[0],e[0])),s(Math.min(n[1],e[1]))],[o,l]=[s(Math.max(n[0],e[0])),s(Math.max(n[1],e[1]))];return o-i<t||l-r<t?[[s(e[0]),s(e[1])]]:[[i,r],[o,r],[o,l],[i,l]]}function b(n,e,t){return(e[0]-n[0])*(t[1]-n[1])-(e[1]-n[1])*(t[0]-n[0])}function Nt(n){let e=0;for(let t=0;t<n.length;t++){let[s,i]=n[t],[r,o]=n[(t+1)%n.length];e+=s*o-r*i}return e}function zt(n){return Math.abs(Nt(n))/2}function W(n){let e=Nt(n);if(Math.abs(e)<1e-9){let i=Math.max(n.length,1),r=n.reduce((l,a)=>l+a[0],0),o=n.reduce((l,a)=>l+a[1],0);return[r/i,o/i]}let t=0,s=0;for(let i=0;i<n.length;i++){let[r,o]=n[i],[l,a]=n[(i+1)%n.length],c=r*a-l*o;t+=(r+l)*c,s+=(o+a)*c}return[t/(3*e),s/(3*e)]}function ft(n){let e=n.map(s=>s[0]),t=n.map(s=>s[1]);return[Math.min(...e),Math.min(...t),Math.max(...e),Math.max(...t)]}function be(n,e,t){return n.map(([s,i])=>[s+e,i+t])}function cs(n,e){let[t,s]=n,i=!1;for(let r=0,o=e.length-1;r<e.length;o=r++){let[l,a]=e[r],[c,d]=e[o];a>s!=d>s&&t<(c-l)*(s-a)/(d-a)+l&&(i=!i)}return i}function jt(n,e){for(let t=n.length-1;t>=0;t--)if(cs(e,n[t].polygon))return t;return-1}function mt(n,e,t){let s=null;return n.forEach((i,r)=>{i.polygon.forEach((o,l)=>{let a=Math.hypot(o[0]-e[0],o[1]-e[1]);a<=t&&(s===null||a<s.distance)&&(s={seat:r,corner:l,distance:a})})}),s}function ds(n,e,t){let s=t[0]-e[0],i=t[1]-e[1],r=s*s+i*i;if(r===0)return e;let o=Math.max(0,Math.min(1,((n[0]-e[0])*s+(n[1]-e[1])*i)/r));return[e[0]+o*s,e[1]+o*i]}function Ft(n,e,t){let s=null;return n.forEach((i,r)=>{let o=i.polygon;o.forEach((l,a)=>{let c=ds(e,l,o[(a+1)%o.length]),d=Math.hypot(c[0]-e[0],c[1]-e[1]);d<=t&&(s===null||d<s.distance)&&(s={seat:r,edge:a,point:c,distance:d})})}),s}function ut(n,e,t){return Math.min(e[0],t[0])<=n[0]&&n[0]<=Math.max(e[0],t[0])&&Math.min(e[1],t[1])<=n[1]&&n[1]<=Math.max(e[1],t[1])}function hs(n,e,t,s){let i=Math.sign(b(t,s,n)),r=Math.sign(b(t,s,e)),o=Math.sign(b(n,e,t)),l=Math.sign(b(n,e,s));return i*r<0&&o*l<0?!0:i===0&&ut(n,t,s)||r===0&&ut(e,t,s)||o===0&&ut(t,n,e)||l===0&&ut(s,n,e)}function _e(n){let e=[];for(let t of n){let s=e[e.length-1];(!s||s[0]!==t[0]||s[1]!==t[1])&&e.push(t)}for(;e.length>1&&e[0][0]===e[e.length-1][0]&&e[0][1]===e[e.length-1][1];)e.pop();return e}function ps(n){let e=_e(n),t=e.length;if(t<3)return!1;for(let s=0;s<t;s++){let i=e[s],r=e[(s+1)%t];for(let o=s+1;o<t;o++){let l=e[o],a=e[(o+1)%t];if(o===s+1){if(b(i,r,a)===0&&(i[0]-r[0])*(a[0]-r[0])+(i[1]-r[1])*(a[1]-r[1])>0)return!1}else if(s===0&&o===t-1){if(b(r,i,l)===0&&(r[0]-i[0])*(l[0]-i[0])+(r[1]-i[1])*(l[1]-i[1])>0)return!1}else if(hs(i,r,l,a))return!1}}return!0}function us(n,e,t,s){return b(e,t,n)>=0&&b(t,s,n)>=0&&b(s,e,n)>=0}function ve(n){let e=_e(n);Nt(e)<0&&(e=[...e].reverse());let t=[],s=[...e],i=s.length*s.length+10;for(;s.length>3&&i-- >0;){let r=!1;for(let o=0;o<s.length;o++){let l=s[(o+s.length-1)%s.length],a=s[o],c=s[(o+1)%s.length],d=b(l,a,c);if(d===0){s.splice(o,1),r=!0;break}if(d<0)continue;if(!s.some(g=>g!==l&&g!==a&&g!==c&&us(g,l,a,c))){t.push([l,a,c]),s.splice(o,1),r=!0;break}}if(!r)break}return s.length===3&&b(s[0],s[1],s[2])>0&&t.push(s),t}function fs(n,e){let t=n;for(let s=0;s<e.length&&t.length>0;s++){let i=e[s],r=e[(s+1)%e.length],o=t;t=[];for(let l=0;l<o.length;l++){let a=o[l],c=o[(l+1)%o.length],d=b(i,r,a)>=0,f=b(i,r,c)>=0;if(d&&t.push(a),d!==f){let g=b(i,r,a),$=b(i,r,c),I=g/(g-$);t.push([a[0]+I*(c[0]-a[0]),a[1]+I*(c[1]-a[1])])}}}return t}function ms(n,e){let[t,s,i,r]=ft(n),[o,l,a,c]=ft(e);if(i<=o||a<=t||r<=l||c<=s)return 0;let d=ve(n),f=ve(e),g=0;for(let $ of d)for(let I of f)g+=zt(fs($,I));return g}function gs(n){return n.length===0||n.length>64||n!==n.trim()||n.includes(":")||/[\r\n]/.test(n)||n.startsWith("#")?"invalid_id":null}function Bt(n,e,t=[]){let s=new Set(t);s.add(n);let i=/^(.*?)(\d+)$/.exec(n),r=i?i[1]:n,o=i&&i[2].startsWith("0")?i[2].length:0,l=i?Number(i[2]):1,a=[];for(;a.length<e;){l+=1;let c=r+String(l).padStart(o,"0");s.has(c)||(s.add(c),a.push(c))}return a}function gt(n,e,t,s=[]){return t<1?[]:Bt(n.id,t,s).map((r,o)=>{let l=(o+1)/t,a=n.polygon.map(([c,d])=>[Math.round(c+e[0]*l),Math.round(d+e[1]*l)]);return{id:r,polygon:a}})}function ys(n,e,t){return n.length<3?"too_few_points":n.some(([s,i])=>!(s>=0&&s<=e&&i>=0&&i<=t))?"outside_frame":ps(n)?zt(n)<1?"no_area":null:"self_intersecting"}function $e(n,e,t,s=.5){let i=n.map(()=>[]),r=[];n.forEach((a,c)=>{let d=gs(a.id);d&&i[c].push({code:d});let f=ys(a.polygon,e,t);f&&i[c].push({code:f}),r.push(f===null)});let o=new Map;n.forEach((a,c)=>{let d=o.get(a.id);d===void 0?o.set(a.id,c):(i[c].push({code:"duplicate_id",other:n[d].id}),i[d].some(f=>f.code==="duplicate_id")||i[d].push({code:"duplicate_id",other:a.id}))});let l=n.map(a=>zt(a.polygon));for(let a=0;a<n.length;a++)for(let c=a+1;c<n.length;c++){if(!r[a]||!r[c])continue;let d=ms(n[a].polygon,n[c].polygon)/Math.min(l[a],l[c]);if(d>s){let f=Math.round(d*100);i[a].push({code:"overlap",other:n[c].id,percent:f}),i[c].push({code:"overlap",other:n[a].id,percent:f})}}return i}function Vt(n){return n.length>0&&n.every(e=>e.length===0)}var xe={"state.empty":"Empty","state.occupied":"Occupied","state.away":"Away","state.abandoned":"Hogged","state.unknown":"Unknown",minutes:"{n} min",hogged_for:"Hogged {n} min",offline:"Camera offline",people_blurred:"People blurred",loading:"Loading\u2026",no_frame:"No picture from this camera yet",no_camera:"Pick a site and a camera in the card's settings",camera_gone:"This camera is no longer in any seatsense site",no_plan:"This site has no floor plan yet: upload one in the seat editor","plan.title":"Floor plan","plan.upload":"Upload the site's floor plan (PNG or JPEG, at most 2 MB)","plan.none":"This site has no floor plan yet.","plan.hint":"Pick a seat, then click its place on the plan or drag a box around it; the next seat without a place is picked for you.","plan.save":"Save places","plan.clear":"Remove place","plan.saved":"Saved the places of {n} seats.","plan.uploaded":"Floor plan uploaded ({width}\xD7{height}).","plan.too_large":"The floor plan is {mb} MB; at most 2 MB.","config.mode":"Show","config.mode_camera":"The camera's picture","config.mode_floor_plan":"The site's floor plan","action.more_info":"Details","action.reset_seat":"Reset seat","action.capture_baseline":"Capture empty-seat reference","action.cancel":"Cancel","action.done":"{action}: done","action.failed":"{action} failed: {error}","config.site":"Site","config.camera":"Camera","config.title":"Title (optional)","config.show_legend":"Show the colour legend","panel.title":"Seat editor","panel.site":"Site","panel.camera":"Camera","panel.no_sites":"No seatsense site yet: add one under Settings \u2192 Devices & services.","panel.blurred":"People are blurred (privacy option on)","panel.no_frame":"No picture from this camera yet: drawing on a blank frame.","panel.annotated":"This server sends its annotated picture: the old seats show in it.","tool.select":"Select","tool.draw":"Draw seat","tool.row":"Copy along a row","tool.copies":"Copies","tool.delete":"Delete","tool.undo":"Undo","tool.redo":"Redo","tool.zoom_in":"Zoom in","tool.zoom_out":"Zoom out","tool.zoom_fit":"Fit","tool.save":"Save","tool.revert":"Discard changes","hint.select":"Drag a seat or a corner to move it. Double-click an edge to add a corner.","hint.draw":"Click each corner. Click the first corner or press Enter to finish; Esc cancels.","hint.row":"Drag from the selected seat to where the last copy goes.","hint.row_pick":"Select the seat to copy first.","hint.keys":"Keys: N draw, V select, R row copy, Del delete, F2 rename, Ctrl+Z / Ctrl+Y undo / redo, + / \u2212 / 0 zoom, Ctrl+S save","seat.id":"Seat id","seat.none":"No seat selected","seats.count":"{n} seats","status.unsaved":"Unsaved changes","status.saved":"Saved {n} seats; the site restarts with them.","status.unchanged":"Nothing changed.","status.saving":"Saving\u2026","status.refused":"Not saved: {reason}","status.fix_first":"Fix the marked seats before saving.","error.too_few_points":"needs at least 3 corners","error.outside_frame":"a corner is outside the picture","error.self_intersecting":"its edges cross","error.no_area":"has no area","error.invalid_id":"id must be 1\u201364 characters, without ':' and not starting with '#' or a space","error.duplicate_id":"the id {other} is used twice","error.overlap":"overlaps {other} by {percent}% (at most {max}%)","error.empty_layout":"A camera needs at least one seat."},vs={"state.empty":"\uBE48 \uC88C\uC11D","state.occupied":"\uC0AC\uC6A9 \uC911","state.away":"\uC678\uCD9C","state.abandoned":"\uC790\uB9AC \uB9E1\uAE30","state.unknown":"\uC54C \uC218 \uC5C6\uC74C",minutes:"{n}\uBD84",hogged_for:"\uC790\uB9AC \uB9E1\uAE30 {n}\uBD84",offline:"\uCE74\uBA54\uB77C \uC624\uD504\uB77C\uC778",people_blurred:"\uC0AC\uB78C \uD750\uB9BC \uCC98\uB9AC\uB428",loading:"\uBD88\uB7EC\uC624\uB294 \uC911\u2026",no_frame:"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4",no_camera:"\uCE74\uB4DC \uC124\uC815\uC5D0\uC11C \uC0AC\uC774\uD2B8\uC640 \uCE74\uBA54\uB77C\uB97C \uACE0\uB974\uC138\uC694",camera_gone:"\uC774 \uCE74\uBA54\uB77C\uB294 \uB354 \uC774\uC0C1 seatsense \uC0AC\uC774\uD2B8\uC5D0 \uC5C6\uC2B5\uB2C8\uB2E4",no_plan:"\uC774 \uC0AC\uC774\uD2B8\uC5D0\uB294 \uC544\uC9C1 \uD3C9\uBA74\uB3C4\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4. \uC88C\uC11D \uD3B8\uC9D1\uAE30\uC5D0\uC11C \uC62C\uB9AC\uC138\uC694","plan.title":"\uD3C9\uBA74\uB3C4","plan.upload":"\uC0AC\uC774\uD2B8 \uD3C9\uBA74\uB3C4 \uC62C\uB9AC\uAE30(PNG \uB610\uB294 JPEG, 2 MB \uC774\uD558)","plan.none":"\uC774 \uC0AC\uC774\uD2B8\uC5D0\uB294 \uC544\uC9C1 \uD3C9\uBA74\uB3C4\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","plan.hint":"\uC88C\uC11D\uC744 \uACE0\uB978 \uB4A4 \uD3C9\uBA74\uB3C4\uC5D0\uC11C \uADF8 \uC790\uB9AC\uB97C \uD074\uB9AD\uD558\uAC70\uB098 \uB458\uB808\uC5D0 \uC0C1\uC790\uB97C \uB04C\uC5B4 \uADF8\uB9AC\uC138\uC694. \uC704\uCE58\uAC00 \uC5C6\uB294 \uB2E4\uC74C \uC88C\uC11D\uC774 \uC790\uB3D9\uC73C\uB85C \uACE8\uB77C\uC9D1\uB2C8\uB2E4.","plan.save":"\uC704\uCE58 \uC800\uC7A5","plan.clear":"\uC704\uCE58 \uC9C0\uC6B0\uAE30","plan.saved":"\uC88C\uC11D {n}\uAC1C\uC758 \uC704\uCE58\uB97C \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4.","plan.uploaded":"\uD3C9\uBA74\uB3C4\uB97C \uC62C\uB838\uC2B5\uB2C8\uB2E4({width}\xD7{height}).","plan.too_large":"\uD3C9\uBA74\uB3C4\uAC00 {mb} MB\uC785\uB2C8\uB2E4. 2 MB \uC774\uD558\uB9CC \uC62C\uB9B4 \uC218 \uC788\uC2B5\uB2C8\uB2E4.","config.mode":"\uD45C\uC2DC","config.mode_camera":"\uCE74\uBA54\uB77C \uD654\uBA74","config.mode_floor_plan":"\uC0AC\uC774\uD2B8 \uD3C9\uBA74\uB3C4","action.more_info":"\uC790\uC138\uD788","action.reset_seat":"\uC88C\uC11D \uCD08\uAE30\uD654","action.capture_baseline":"\uBE48 \uC88C\uC11D \uAE30\uC900 \uD654\uBA74 \uC800\uC7A5","action.cancel":"\uCDE8\uC18C","action.done":"{action}: \uC644\uB8CC","action.failed":"{action} \uC2E4\uD328: {error}","config.site":"\uC0AC\uC774\uD2B8","config.camera":"\uCE74\uBA54\uB77C","config.title":"\uC81C\uBAA9(\uC120\uD0DD)","config.show_legend":"\uC0C9\uC0C1 \uBC94\uB840 \uD45C\uC2DC","panel.title":"\uC88C\uC11D \uD3B8\uC9D1\uAE30","panel.site":"\uC0AC\uC774\uD2B8","panel.camera":"\uCE74\uBA54\uB77C","panel.no_sites":"seatsense \uC0AC\uC774\uD2B8\uAC00 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uC5D0\uC11C \uCD94\uAC00\uD558\uC138\uC694.","panel.blurred":"\uC0AC\uB78C\uC774 \uD750\uB9BC \uCC98\uB9AC\uB418\uC5B4 \uC788\uC2B5\uB2C8\uB2E4(\uAC1C\uC778\uC815\uBCF4 \uBCF4\uD638 \uC635\uC158 \uCF1C\uC9D0)","panel.no_frame":"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC5B4 \uBE48 \uD654\uBA74\uC5D0 \uADF8\uB9BD\uB2C8\uB2E4.","panel.annotated":"\uC774 \uC11C\uBC84\uB294 \uC8FC\uC11D\uC774 \uADF8\uB824\uC9C4 \uD654\uBA74\uB9CC \uBCF4\uB0B4\uBBC0\uB85C \uAE30\uC874 \uC88C\uC11D\uC774 \uD568\uAED8 \uBCF4\uC785\uB2C8\uB2E4.","tool.select":"\uC120\uD0DD","tool.draw":"\uC88C\uC11D \uADF8\uB9AC\uAE30","tool.row":"\uC904 \uBCF5\uC0AC","tool.copies":"\uBCF5\uC0AC \uC218","tool.delete":"\uC0AD\uC81C","tool.undo":"\uC2E4\uD589 \uCDE8\uC18C","tool.redo":"\uB2E4\uC2DC \uC2E4\uD589","tool.zoom_in":"\uD655\uB300","tool.zoom_out":"\uCD95\uC18C","tool.zoom_fit":"\uB9DE\uCDA4","tool.save":"\uC800\uC7A5","tool.revert":"\uBCC0\uACBD \uCDE8\uC18C","hint.select":"\uC88C\uC11D\uC774\uB098 \uAF2D\uC9D3\uC810\uC744 \uB04C\uC5B4 \uC62E\uAE41\uB2C8\uB2E4. \uBCC0\uC744 \uB354\uBE14\uD074\uB9AD\uD558\uBA74 \uAF2D\uC9D3\uC810\uC774 \uCD94\uAC00\uB429\uB2C8\uB2E4.","hint.draw":"\uAF2D\uC9D3\uC810\uC744 \uCC28\uB840\uB85C \uD074\uB9AD\uD558\uC138\uC694. \uCCAB \uAF2D\uC9D3\uC810\uC744 \uD074\uB9AD\uD558\uAC70\uB098 Enter\uB85C \uB9C8\uCE58\uACE0, Esc\uB85C \uCDE8\uC18C\uD569\uB2C8\uB2E4.","hint.row":"\uC120\uD0DD\uD55C \uC88C\uC11D\uC5D0\uC11C \uB9C8\uC9C0\uB9C9 \uBCF5\uC0AC\uBCF8\uC774 \uB193\uC77C \uACF3\uAE4C\uC9C0 \uB044\uC138\uC694.","hint.row_pick":"\uBA3C\uC800 \uBCF5\uC0AC\uD560 \uC88C\uC11D\uC744 \uC120\uD0DD\uD558\uC138\uC694.","hint.keys":"\uB2E8\uCD95\uD0A4: N \uADF8\uB9AC\uAE30, V \uC120\uD0DD, R \uC904 \uBCF5\uC0AC, Del \uC0AD\uC81C, F2 \uC774\uB984 \uBC14\uAFB8\uAE30, Ctrl+Z / Ctrl+Y \uC2E4\uD589 \uCDE8\uC18C / \uB2E4\uC2DC \uC2E4\uD589, + / \u2212 / 0 \uD655\uB300\xB7\uCD95\uC18C, Ctrl+S \uC800\uC7A5","seat.id":"\uC88C\uC11D ID","seat.none":"\uC120\uD0DD\uD55C \uC88C\uC11D \uC5C6\uC74C","seats.count":"\uC88C\uC11D {n}\uAC1C","status.unsaved":"\uC800\uC7A5\uD558\uC9C0 \uC54A\uC740 \uBCC0\uACBD \uC0AC\uD56D","status.saved":"\uC88C\uC11D {n}\uAC1C\uB97C \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4. \uC0AC\uC774\uD2B8\uAC00 \uC0C8 \uBC30\uCE58\uB85C \uB2E4\uC2DC \uC2DC\uC791\uD569\uB2C8\uB2E4.","status.unchanged":"\uBC14\uB010 \uAC83\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","status.saving":"\uC800\uC7A5 \uC911\u2026","status.refused":"\uC800\uC7A5\uD558\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {reason}","status.fix_first":"\uD45C\uC2DC\uB41C \uC88C\uC11D\uC744 \uACE0\uCE5C \uB4A4 \uC800\uC7A5\uD558\uC138\uC694.","error.too_few_points":"\uAF2D\uC9D3\uC810\uC774 3\uAC1C \uC774\uC0C1 \uD544\uC694\uD569\uB2C8\uB2E4","error.outside_frame":"\uAF2D\uC9D3\uC810\uC774 \uD654\uBA74 \uBC16\uC5D0 \uC788\uC2B5\uB2C8\uB2E4","error.self_intersecting":"\uBCC0\uC774 \uC11C\uB85C \uAD50\uCC28\uD569\uB2C8\uB2E4","error.no_area":"\uB113\uC774\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","error.invalid_id":"ID\uB294 1\u201364\uC790\uC774\uBA70 ':'\uB97C \uD3EC\uD568\uD558\uAC70\uB098 '#' \uB610\uB294 \uACF5\uBC31\uC73C\uB85C \uC2DC\uC791\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","error.duplicate_id":"ID {other}\uAC00 \uB450 \uBC88 \uC4F0\uC600\uC2B5\uB2C8\uB2E4","error.overlap":"{other}\uC640 {percent}% \uACB9\uCE69\uB2C8\uB2E4(\uCD5C\uB300 {max}%)","error.empty_layout":"\uCE74\uBA54\uB77C\uC5D0\uB294 \uC88C\uC11D\uC774 \uD558\uB098 \uC774\uC0C1 \uC788\uC5B4\uC57C \uD569\uB2C8\uB2E4."},we={en:xe,ko:vs};function Kt(n){let e=(n?.locale?.language??n?.language??"en").split("-")[0];return e in we?e:"en"}function A(n,e,t={}){return(we[Kt(n)][e]??xe[e]).replace(/\{(\w+)\}/g,(i,r)=>r in t?String(t[r]):i)}var Se="seatsense-floor-plan-editor",k=class extends v{constructor(){super(...arguments);this.planMissing=!1;this.places={};this.dirty=!1}updated(t){t.has("site")&&this.site&&this.site.entry_id!==this.loadedFor&&(this.loadedFor=this.site.entry_id,this.status=void 0,this.load())}disconnectedCallback(){super.disconnectedCallback(),this.plan&&URL.revokeObjectURL(this.plan.url),this.plan=void 0,this.loadedFor=void 0}t(t,s){return A(this.hass,t,s)}async load(){if(!this.hass||!this.site)return;let t=this.plan;try{this.plan=await pt(this.hass,this.site.entry_id),this.places=structuredClone(this.plan.seats),this.planMissing=!1}catch{this.plan=void 0,this.places={},this.planMissing=!0}t&&URL.revokeObjectURL(t.url),this.dirty=!1,this.picked=this.nextUnplaced()}seatRefs(){return(this.site?.cameras??[]).flatMap(t=>t.seats.map(s=>({cameraId:t.camera_id,cameraName:t.name,seatId:s.id})))}placeOf(t){return this.places[t.cameraId]?.[t.seatId]}nextUnplaced(t){let s=this.seatRefs(),i=t?s.findIndex(r=>r.cameraId===t.cameraId&&r.seatId===t.seatId)+1:0;return[...s.slice(i),...s.slice(0,i)].find(r=>!this.placeOf(r))}async upload(t){let s=t.target,i=s.files?.[0];if(s.value="",!i||!this.hass||!this.site)return;if(i.size>2097152){this.status={text:this.t("plan.too_large",{mb:(i.size/1024/1024).toFixed(1)}),kind:"error"};return}let r=new Uint8Array(await i.arrayBuffer()),o="";for(let l=0;l<r.length;l+=32768)o+=String.fromCharCode(...r.subarray(l,l+32768));try{let l=await me(this.hass,this.site.entry_id,btoa(o));await this.load(),this.status={text:this.t("plan.uploaded",{width:l.width,height:l.height}),kind:"ok"}}catch(l){this.status={text:this.t("status.refused",{reason:C(l)}),kind:"error"}}}fraction(t){let s=t.currentTarget.getBoundingClientRect();return[(t.clientX-s.left)/s.width,(t.clientY-s.top)/s.height]}pointerDown(t){t.button!==0||!this.picked||(this.dragFrom=this.fraction(t))}pointerUp(t){let s=this.dragFrom;this.dragFrom=void 0;let i=this.picked;if(!s||!i)return;let r=ye(s,this.fraction(t));this.places={...this.places,[i.cameraId]:{...this.places[i.cameraId],[i.seatId]:r}},this.dirty=!0,this.status=void 0,this.picked=this.nextUnplaced(i)??i}clearPicked(){let t=this.picked;if(!t||!this.placeOf(t))return;let s={...this.places[t.cameraId]};delete s[t.seatId],this.places={...this.places,[t.cameraId]:s},this.dirty=!0}async save(){if(!(!this.hass||!this.site))try{await ge(this.hass,this.site.entry_id,this.places);let t=Object.values(this.places).reduce((s,i)=>s+Object.keys(i).length,0);this.dirty=!1,this.status={text:this.t("plan.saved",{n:t}),kind:"ok"}}catch(t){this.status={text:this.t("status.refused",{reason:C(t)}),kind:"error"}}}render(){return!this.hass||!this.site?u:p`<section>
      <h2>${this.t("plan.title")}</h2>
      <div class="row">
        <label class="upload">${this.t("plan.upload")}
          <input type="file" accept="image/png,image/jpeg" @change=${t=>void this.upload(t)} />
        </label>
        <button class="save-places primary" ?disabled=${!this.plan||!this.dirty} @click=${()=>void this.save()}>
          ${this.t("plan.save")}
        </button>
        <button class="clear-place" ?disabled=${!this.picked||!this.placeOf(this.picked)} @click=${()=>this.clearPicked()}>
          ${this.t("plan.clear")}
        </button>
      </div>
      ${this.status?p`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>`:u}
      ${this.plan?this.renderPlan(this.plan):p`<p class="hint">${this.planMissing?this.t("plan.none"):this.t("loading")}</p>`}
    </section>`}renderPlan(t){let s=this.picked;return p`<p class="hint">${this.t("plan.hint")}</p>
      <div class="plan-body">
        <div class="plan-stage" style="aspect-ratio: ${t.width} / ${t.height}">
          <img src=${t.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${t.width} ${t.height}" preserveAspectRatio="none"
            @pointerdown=${this.pointerDown} @pointerup=${this.pointerUp}>
            ${this.seatRefs().map(i=>{let r=this.placeOf(i);if(!r)return u;let o=Dt(r,t.width,t.height),[l,a]=W(o),c=s?.cameraId===i.cameraId&&s.seatId===i.seatId;return P`<g class="placed ${c?"picked":""}" data-seat=${i.seatId} data-camera=${i.cameraId}>
                <polygon points=${o.map(d=>d.join(",")).join(" ")} vector-effect="non-scaling-stroke"></polygon>
                <text x=${l} y=${a} font-size=${Math.min(t.width,t.height)/20}
                  text-anchor="middle" dominant-baseline="middle">${i.seatId}</text>
              </g>`})}
          </svg>
        </div>
        <ul class="plan-seats">
          ${this.seatRefs().map(i=>{let r=s?.cameraId===i.cameraId&&s.seatId===i.seatId;return p`<li>
              <button class="${r?"picked":""} ${this.placeOf(i)?"placed":""}"
                data-seat=${i.seatId} data-camera=${i.cameraId} @click=${()=>this.picked=i}>
                ${this.placeOf(i)?"\u2713":"\xB7"} ${i.cameraName} ${i.seatId}
              </button>
            </li>`})}
        </ul>
      </div>`}};k.styles=E`
    section {
      margin-top: 16px;
      color: var(--primary-text-color);
    }
    h2 {
      font-size: 18px;
      font-weight: 500;
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .upload {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 14px;
    }
    button {
      padding: 6px 10px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
      cursor: pointer;
    }
    button.primary {
      background: var(--primary-color, #03a9f4);
      color: var(--text-primary-color, #fff);
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .hint {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status.ok {
      color: var(--success-color, #2e7d32);
    }
    .status.error {
      color: var(--error-color, #c62828);
    }
    .plan-body {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .plan-stage {
      position: relative;
      flex: 1 1 420px;
      max-width: 900px;
      user-select: none;
    }
    .plan-stage img,
    .plan-stage svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .plan-stage svg {
      cursor: crosshair;
    }
    g.placed polygon {
      fill: #0072b2;
      fill-opacity: 0.3;
      stroke: #0072b2;
      stroke-width: 2;
    }
    g.placed.picked polygon {
      fill: #e69f00;
      stroke: #e69f00;
      stroke-width: 3;
    }
    g.placed text {
      fill: #000;
      paint-order: stroke;
      stroke: #fff;
      stroke-width: 3px;
      font-weight: 600;
    }
    .plan-seats {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 420px;
      overflow: auto;
    }
    .plan-seats button.picked {
      border-color: #e69f00;
      font-weight: 600;
    }
  `,h([x({attribute:!1})],k.prototype,"hass",2),h([x({attribute:!1})],k.prototype,"site",2),h([m()],k.prototype,"plan",2),h([m()],k.prototype,"planMissing",2),h([m()],k.prototype,"places",2),h([m()],k.prototype,"picked",2),h([m()],k.prototype,"dirty",2),h([m()],k.prototype,"status",2);var Wt={totals:"Now","total.occupied_seats":"Occupied seats","total.occupancy_rate":"Occupancy","total.abandoned_seats":"Hogged seats","total.entries_today":"Entries today","total.average_stay":"Average stay",no_sites:"No seatsense site yet: add one under Settings \u2192 Devices & services.",not_running:"This site is not running: see Settings \u2192 Devices & services.",no_seats:"No seats on this camera yet: draw them in the seat editor.",vacant_for:"vacant {n} min",stay_for:"stay {n} min",left_for:"for {n} min",offline:"offline"},_s={totals:"\uD604\uC7AC","total.occupied_seats":"\uC0AC\uC6A9 \uC911 \uC88C\uC11D","total.occupancy_rate":"\uC810\uC720\uC728","total.abandoned_seats":"\uC790\uB9AC \uB9E1\uAE30 \uC88C\uC11D","total.entries_today":"\uC624\uB298 \uC785\uC2E4","total.average_stay":"\uD3C9\uADE0 \uC774\uC6A9 \uC2DC\uAC04",no_sites:"seatsense \uC0AC\uC774\uD2B8\uAC00 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uC5D0\uC11C \uCD94\uAC00\uD558\uC138\uC694.",not_running:"\uC774 \uC0AC\uC774\uD2B8\uAC00 \uC2E4\uD589 \uC911\uC774 \uC544\uB2D9\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uB97C \uD655\uC778\uD558\uC138\uC694.",no_seats:"\uC774 \uCE74\uBA54\uB77C\uC5D0\uB294 \uC544\uC9C1 \uC88C\uC11D\uC774 \uC5C6\uC2B5\uB2C8\uB2E4. \uC88C\uC11D \uD3B8\uC9D1\uAE30\uC5D0\uC11C \uADF8\uB9AC\uC138\uC694.",vacant_for:"\uBE48 \uC9C0 {n}\uBD84",stay_for:"\uC774\uC6A9 {n}\uBD84",left_for:"{n}\uBD84\uC9F8",offline:"\uC624\uD504\uB77C\uC778"},$s={en:Wt,ko:_s};function M(n,e,t={}){return(($s[Kt(n)]??Wt)[e]??Wt[e]).replace(/\{(\w+)\}/g,(i,r)=>r in t?String(t[r]):i)}function q(n,e,t){n.dispatchEvent(new CustomEvent(e,{detail:t,bubbles:!0,composed:!0}))}var ke={empty:"#009E73",occupied:"#0072B2",away:"#E69F00",abandoned:"#D55E00",unknown:"#999999"};var qt=["empty","occupied","away","abandoned","unknown"],R=ke;function yt(n){return qt.includes(n??"")?n:"unknown"}var vt="seatsense-seat-tiles";function Ae(n,e){let t=e?n.states[e]?.state:void 0,s=t===void 0||t===""?NaN:Number(t);return Number.isFinite(s)?Math.round(s):null}function ws(n,e,t){if(t==="unknown")return;if(t==="occupied"){let i=Ae(n,e.entities.stay_minutes);return i===null?void 0:M(n,"stay_for",{n:i})}let s=Ae(n,e.entities.vacant_minutes);if(s!==null)return M(n,t==="empty"?"vacant_for":"left_for",{n:s})}var L=class extends v{setConfig(e){if(!e||typeof e.camera_id!="string")throw new Error("camera_id is needed");this.config=e}getCardSize(){return 2}getGridOptions(){return{columns:12,min_columns:6,rows:"auto"}}camera(){return ht(this.siteLayout,this.config?.entry_id,this.config?.camera_id)?.camera}shouldUpdate(e){if(e.size!==1||!e.has("hass"))return!0;let t=e.get("hass");return!t||!this.hass||t.language!==this.hass.language||t.entities!==this.hass.entities?!0:(this.camera()?.seats??[]).some(i=>Object.values(i.entities).some(r=>t.states[r]!==this.hass?.states[r]))}updated(){let e=this.hass?.entities??"no registry";this.hass&&this.loadedFor!==e&&(this.loadedFor=e,this.loadLayout())}async loadLayout(){try{this.siteLayout=await S(this.hass),this.layoutError=void 0}catch(e){this.layoutError=C(e)}}render(){if(!this.config||!this.hass)return u;let e=this.camera();if(!e){let t=this.siteLayout?A(this.hass,"camera_gone"):this.layoutError;return p`<ha-card><div class="message">${t??A(this.hass,"loading")}</div></ha-card>`}return p`<ha-card>
      <div class="tiles">${e.seats.map(t=>this.renderTile(t))}</div>
    </ha-card>`}renderTile(e){let t=e.entities.state?this.hass.states[e.entities.state]?.state:void 0,s=yt(t),i=ws(this.hass,e,s),r=A(this.hass,`state.${s}`);return p`<button class="tile ${s}" data-seat=${e.id} data-state=${s}
      style="--seat-color: ${R[s]}"
      title="${e.id}: ${r}${i?`, ${i}`:""}"
      @click=${()=>this.moreInfo(e)}>
      <span class="id">${e.id}</span>
      <span class="state">${r}</span>
      <span class="detail">${i??(s==="unknown"?M(this.hass,"offline"):"")}</span>
    </button>`}moreInfo(e){let t=e.entities.state??e.entities.occupied;t&&q(this,"hass-more-info",{entityId:t})}};L.styles=E`
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
  `,h([x({attribute:!1})],L.prototype,"hass",2),h([m()],L.prototype,"config",2),h([m()],L.prototype,"siteLayout",2),h([m()],L.prototype,"layoutError",2);var Gt=6e4;function Ss(n,e){let t=e?n.states[e]?.state:void 0,s=t===void 0?NaN:Number(t);return Number.isFinite(s)?s:null}function ks(n,e){let t=e?n.states[e]?.state:void 0;if(!t||!/^\d{4}-\d{2}-\d{2}T/.test(t))return null;let s=Date.parse(t);return Number.isFinite(s)?s:null}function st(n,e){let t=e.entities.state?n.states[e.entities.state]?.state:void 0,s=yt(t),i=s==="away"||s==="abandoned";return{seat:e,state:s,vacantMinutes:s==="unknown"?null:Ss(n,e.entities.vacant_minutes),belongingsSinceMs:i?ks(n,e.entities.belongings_since):null}}function As(n,e){return Math.max(0,Math.floor((e-n)/Gt))}function Ee(n,e){return n.belongingsSinceMs!==null?As(n.belongingsSinceMs,e):n.state==="unknown"||n.state==="occupied"?null:n.vacantMinutes}function Pe(n,e){let t=null;for(let s of n){if(s.belongingsSinceMs===null)continue;let i=Math.max(0,e-s.belongingsSinceMs),r=Gt-i%Gt;t=t===null?r:Math.min(t,r)}return t}var F="seatsense-seat-map",Yt="seatsense-seat-map-editor",Es=3e4,Ps=500,Cs=4e3;function Ms(n){let e=parseInt(n.slice(1),16),[t,s,i]=[e>>16&255,e>>8&255,e&255];return .299*t+.587*s+.114*i>150?"#000":"#fff"}var _=class extends v{constructor(){super(...arguments);this.frameMissing=!1;this.planMissing=!1;this.planLoading=!1;this.held=!1}static getConfigElement(){return document.createElement(Yt)}static async getStubConfig(t){let i=(await S(t).catch(()=>{}))?.sites.find(r=>r.cameras.length>0);return{type:`custom:${F}`,entry_id:i?.entry_id,camera_id:i?.cameras[0]?.camera_id}}setConfig(t){if(!t||typeof t!="object")throw new Error("Invalid configuration");if(t.camera_id!==void 0&&typeof t.camera_id!="string")throw new Error("camera_id must be text");if(t.mode!==void 0&&t.mode!=="camera"&&t.mode!=="floor_plan")throw new Error("mode must be camera or floor_plan");let s=t.camera_id!==this.config?.camera_id||t.entry_id!==this.config?.entry_id,i=t.mode!==this.config?.mode||t.entry_id!==this.config?.entry_id;this.config=t,s&&(this.frameFor=void 0,this.frameMissing=!1),i&&this.dropPlan()}getCardSize(){return 6}getGridOptions(){return{columns:12,min_columns:6,rows:"auto",min_rows:3}}connectedCallback(){super.connectedCallback(),this.refreshTimer=window.setInterval(()=>{this.camera()?.camera.entities.annotated||this.loadFrame(!0)},Es)}disconnectedCallback(){super.disconnectedCallback(),window.clearInterval(this.refreshTimer),window.clearTimeout(this.toastTimer),window.clearTimeout(this.minuteTimer),this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=void 0,this.frameFor=void 0,this.dropPlan()}dropPlan(){this.plan&&URL.revokeObjectURL(this.plan.url),this.plan=void 0,this.planMissing=!1}planMode(){return this.config?.mode==="floor_plan"}planSite(){let t=this.siteLayout?.sites??[];return this.config?.entry_id?t.find(s=>s.entry_id===this.config?.entry_id):t[0]}shownSeats(){if(!this.planMode())return this.camera()?.camera.seats??[];let t=this.planSite();return t&&this.plan?Ut(t,this.plan):[]}camera(){return ht(this.siteLayout,this.config?.entry_id,this.config?.camera_id)}watched(){let t=this.planMode()?[]:Object.values(this.camera()?.camera.entities??{});for(let s of this.shownSeats())for(let i of["state","vacant_minutes","belongings_since","occupied"])s.entities[i]&&t.push(s.entities[i]);return t}shouldUpdate(t){if(t.size!==1||!t.has("hass"))return!0;let s=t.get("hass");return!s||!this.hass||s.language!==this.hass.language||s.themes?.darkMode!==this.hass.themes?.darkMode?!0:this.watched().some(i=>s.states[i]!==this.hass?.states[i])}updated(){if(this.scheduleMinuteTick(),this.planMode()){this.updatePlan();return}if(!this.hass||!this.config?.camera_id)return;if(!this.siteLayout&&!this.layoutError){this.loadLayout();return}let t=this.camera()?.camera.entities.annotated,s=t?this.hass.states[t]?.state:"initial";this.camera()&&this.frameFor!==s&&(this.frameFor=s,this.loadFrame(!!this.frame))}updatePlan(){if(!this.hass)return;if(!this.siteLayout&&!this.layoutError){this.loadLayout();return}let t=this.planSite();!t||this.plan||this.planMissing||this.planLoading||(this.planLoading=!0,pt(this.hass,t.entry_id).then(s=>this.plan=s).catch(()=>this.planMissing=!0).finally(()=>this.planLoading=!1))}scheduleMinuteTick(){if(window.clearTimeout(this.minuteTimer),!this.hass||!this.isConnected)return;let t=this.shownSeats().map(i=>st(this.hass,i)),s=Pe(t,Date.now());s!==null&&(this.minuteTimer=window.setTimeout(()=>this.requestUpdate(),s+20))}async loadLayout(){if(this.hass)try{this.siteLayout=await S(this.hass),this.layoutError=void 0}catch(t){this.layoutError=C(t)}}async loadFrame(t){if(!this.hass)return;t&&await this.loadLayout();let s=this.camera();if(s)try{let i=await dt(this.hass,s.site.entry_id,s.camera.camera_id),r=this.frame;this.frame=i,this.frameMissing=!1,r&&window.setTimeout(()=>URL.revokeObjectURL(r.url),1e3)}catch{this.frameMissing=!this.frame}}t(t,s){return A(this.hass,t,s)}render(){if(!this.config||!this.hass)return u;let t=this.config.title;if(this.planMode())return this.renderPlanCard(t);if(!this.config.camera_id)return p`<ha-card .header=${t}><div class="message">${this.t("no_camera")}</div></ha-card>`;if(!this.siteLayout)return p`<ha-card .header=${t}>
        <div class="message">${this.layoutError??this.t("loading")}</div>
      </ha-card>`;let s=this.camera();if(!s)return p`<ha-card .header=${t}><div class="message">${this.t("camera_gone")}</div></ha-card>`;let{camera:i}=s,r=i.seats.map(l=>st(this.hass,l)),o=i.entities.connected?this.hass.states[i.entities.connected]?.state:void 0;return p`
      <ha-card .header=${t}>
        <div class="map" style="aspect-ratio: ${i.width} / ${i.height}">
          ${this.frame?p`<img src=${this.frame.url} alt=${i.name} draggable="false" />`:p`<div class="blank">${this.frameMissing?this.t("no_frame"):this.t("loading")}</div>`}
          <svg viewBox="0 0 ${i.width} ${i.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${r.map(l=>this.renderSeatShape(l))}
          </svg>
          ${r.map(l=>this.renderLabel(l,i))}
          ${o==="off"||o==="unavailable"?p`<div class="banner offline">${this.t("offline")}</div>`:this.frame?.blurred?p`<div class="banner">${this.t("people_blurred")}</div>`:u}
          ${this.menuSeat?this.renderMenu(this.menuSeat):u}
          ${this.toast?p`<div class="toast" role="status">${this.toast}</div>`:u}
        </div>
        ${this.config.show_legend===!1?u:this.renderLegend(r)}
      </ha-card>
    `}renderPlanCard(t){let s=this.planSite(),i=this.plan;if(!i||!s){let o=this.layoutError??(this.siteLayout&&(!s||this.planMissing)?this.t("no_plan"):this.t("loading"));return p`<ha-card .header=${t}><div class="message">${o}</div></ha-card>`}let r=Ut(s,i).map(o=>st(this.hass,o));return p`
      <ha-card .header=${t}>
        <div class="map plan" style="aspect-ratio: ${i.width} / ${i.height}">
          <img src=${i.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${i.width} ${i.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${r.map(o=>this.renderSeatShape(o))}
          </svg>
          ${r.map(o=>this.renderLabel(o,i))}
          ${this.menuSeat?this.renderMenu(this.menuSeat):u}
          ${this.toast?p`<div class="toast" role="status">${this.toast}</div>`:u}
        </div>
        ${this.config?.show_legend===!1?u:this.renderLegend(r)}
      </ha-card>
    `}renderHatch(){return P`<defs>
      <pattern id="unknown-hatch" width="24" height="24" patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)">
        <rect width="24" height="24" fill=${R.unknown} fill-opacity="0.25"></rect>
        <line x1="0" y1="0" x2="0" y2="24" stroke=${R.unknown} stroke-width="10"
          stroke-opacity="0.6"></line>
      </pattern>
    </defs>`}renderSeatShape(t){let s=R[t.state],i=t.seat.polygon.map(([r,o])=>`${r},${o}`).join(" ");return P`<polygon class="seat ${t.state}" points=${i}
      data-seat=${t.seat.id} data-state=${t.state}
      fill=${t.state==="unknown"?"url(#unknown-hatch)":s}
      stroke=${s}
      @pointerdown=${r=>this.pointerDown(t.seat,r)}
      @pointerup=${r=>this.pointerUp(t.seat,r)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${r=>this.openMenu(t.seat,r)}></polygon>`}renderLabel(t,s){let[i,r]=W(t.seat.polygon),o=R[t.state],l=Ee(t,Date.now()),a=u;return t.state==="abandoned"&&l!==null?a=p`<span class="hogged" data-minutes=${l}>⚠
        <span class="long">${this.t("hogged_for",{n:l})}</span><span class="short"
          >${this.t("minutes",{n:l})}</span></span>`:t.state==="unknown"?a=p`<span class="detail">?</span>`:(t.state==="empty"||t.state==="away")&&l!==null&&(a=p`<span class="detail" data-minutes=${l}>${this.t("minutes",{n:l})}</span>`),p`<button class="label ${t.state}" data-seat=${t.seat.id}
      style="left: ${100*i/s.width}%; top: ${100*r/s.height}%;
        --chip: ${o}; --chip-text: ${Ms(o)}"
      title="${t.seat.id}: ${this.t(`state.${t.state}`)}"
      @pointerdown=${c=>this.pointerDown(t.seat,c)}
      @pointerup=${c=>this.pointerUp(t.seat,c)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${c=>this.openMenu(t.seat,c)}>
      <span class="id">${t.seat.id}</span>${a}
    </button>`}renderLegend(t){return p`<div class="legend">
      ${qt.map(s=>{let i=t.filter(r=>r.state===s).length;return p`<span class="entry ${i?"":"none"}" data-state=${s}>
          <span class="swatch" style="background: ${R[s]}"></span>
          ${this.t(`state.${s}`)} ${i}
        </span>`})}
    </div>`}renderMenu(t){let s=!!this.hass?.user?.is_admin&&t.device_id;return p`<div class="menu" role="menu" data-seat=${t.id}>
      <div class="menu-title">${t.id}</div>
      <button role="menuitem" @click=${()=>this.moreInfo(t)}>${this.t("action.more_info")}</button>
      ${s?p`<button role="menuitem" data-action="reset_seat"
              @click=${()=>this.runAction(t,"reset_seat")}>${this.t("action.reset_seat")}</button>
            <button role="menuitem" data-action="capture_baseline"
              @click=${()=>this.runAction(t,"capture_baseline")}>
              ${this.t("action.capture_baseline")}
            </button>`:u}
      <button role="menuitem" @click=${()=>this.menuSeat=void 0}>${this.t("action.cancel")}</button>
    </div>`}pointerDown(t,s){s.button===0&&(this.held=!1,this.cancelHold(),this.holdTimer=window.setTimeout(()=>{this.held=!0,this.menuSeat=t},Ps))}pointerUp(t,s){s.button===0&&(this.cancelHold(),!this.held&&!this.menuSeat&&this.moreInfo(t),this.held=!1)}cancelHold(){window.clearTimeout(this.holdTimer),this.holdTimer=void 0}openMenu(t,s){s.preventDefault(),this.cancelHold(),this.menuSeat=t}moreInfo(t){this.menuSeat=void 0;let s=t.entities.occupied??t.entities.state;s&&q(this,"hass-more-info",{entityId:s})}async runAction(t,s){this.menuSeat=void 0;let i=`${t.id} \xB7 ${this.t(`action.${s}`)}`;try{await this.hass.callService("seatsense",s,{device_id:t.device_id}),this.showToast(this.t("action.done",{action:i}))}catch(r){this.showToast(this.t("action.failed",{action:i,error:C(r)}))}}showToast(t){this.toast=t,window.clearTimeout(this.toastTimer),this.toastTimer=window.setTimeout(()=>this.toast=void 0,Cs)}};_.styles=E`
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
      container-type: inline-size;
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
    .label .short {
      display: none;
    }
    /* Below this width a seat is narrower than "⚠ Hogged 12 min". */
    @container (max-width: 700px) {
      .label .long {
        display: none;
      }
      .label .short {
        display: inline;
      }
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
      background: ${w(R.unknown)};
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
  `,h([x({attribute:!1})],_.prototype,"hass",2),h([m()],_.prototype,"config",2),h([m()],_.prototype,"siteLayout",2),h([m()],_.prototype,"layoutError",2),h([m()],_.prototype,"frame",2),h([m()],_.prototype,"frameMissing",2),h([m()],_.prototype,"menuSeat",2),h([m()],_.prototype,"toast",2),h([m()],_.prototype,"plan",2),h([m()],_.prototype,"planMissing",2);var Ce="ll-strategy-dashboard-seatsense",Me="ll-strategy-view-seatsense",Is=["occupied_seats","occupancy_rate","abandoned_seats","entries_today","average_stay"];function Ts(n,e){return n.title.toLowerCase().replace(/[^a-z0-9]+/g,"-").replace(/^-+|-+$/g,"")||`site-${e+1}`}function Rs(n,e){let t=Is.filter(i=>e.entities?.[i]).map(i=>({type:"tile",entity:e.entities[i],name:M(n,`total.${i}`),grid_options:{columns:6}})),s=[{type:"heading",heading:M(n,"totals"),icon:"mdi:seat",heading_style:"title"},...t];return e.loaded||s.push({type:"markdown",content:M(n,"not_running")}),{type:"grid",column_span:2,cards:s}}function Ls(n,e,t){let s=["connected","people"].map(o=>t.entities[o]).filter(o=>!!o).map(o=>({type:"entity",entity:o})),i={entry_id:e.entry_id,camera_id:t.camera_id},r=[{type:"heading",heading:t.name,icon:"mdi:cctv",heading_style:"title",badges:s}];return t.seats.length===0?r.push({type:"markdown",content:M(n,"no_seats")}):r.push({type:`custom:${vt}`,...i}),r.push({type:`custom:${F}`,...i,show_legend:!1}),{type:"grid",cards:r}}function Ie(n,e,t){return{title:e.title,path:Ts(e,t),icon:"mdi:seat",type:"sections",max_columns:2,sections:[Rs(n,e),...e.cameras.map(s=>Ls(n,e,s))]}}function Te(n,e,t){let s=e.sites.filter(i=>!t||i.entry_id===t);return s.length===0?{title:"seatsense",views:[{title:"seatsense",path:"seatsense",cards:[{type:"markdown",content:M(n,"no_sites")}]}]}:{title:s.length===1?s[0].title:"seatsense",views:s.map((i,r)=>Ie(n,i,r))}}var bt=class{static async generate(e,t){return Te(t,await S(t),e.entry_id)}},_t=class{static async generate(e,t){let s=await S(t),i=Math.max(0,s.sites.findIndex(o=>o.entry_id===e.entry_id)),r=s.sites[i];return r?Ie(t,r,i):Te(t,s).views[0]}};var $t=(n,e,t)=>Math.min(t,Math.max(e,n));function Re([n,e]){return[Math.round(n),Math.round(e)]}function Jt([n,e],t,s){return[$t(Math.round(n),0,t),$t(Math.round(e),0,s)]}function Os(n){return n.length===0?"A1":Bt(n[n.length-1].id,1,n.map(e=>e.id))[0]}function Le(n,e,t=Os(n)){return[...n,{id:t,polygon:e.map(Re)}]}function Oe(n,e){return n.filter((t,s)=>s!==e)}function He(n,e,t){return n.map((s,i)=>i===e?{...s,id:t}:s)}function De(n,e,t,s,i,r){return n.map((o,l)=>l===e?{...o,polygon:o.polygon.map((a,c)=>c===t?Jt(s,i,r):a)}:o)}function Ue(n,e,t,s,i,r){let[o,l,a,c]=ft(n[e].polygon),d=Math.round($t(t,Math.min(0,-o),Math.max(0,i-a))),f=Math.round($t(s,Math.min(0,-l),Math.max(0,r-c)));return n.map((g,$)=>$===e?{...g,polygon:be(g.polygon,d,f)}:g)}function Ne(n,e,t,s){return n.map((i,r)=>{if(r!==e)return i;let o=[...i.polygon];return o.splice(t+1,0,Re(s)),{...i,polygon:o}})}function ze(n,e,t){return n.map((s,i)=>i===e&&s.polygon.length>3?{...s,polygon:s.polygon.filter((r,o)=>o!==t)}:s)}function je(n,e,t,s){let i=gt(n[e],t,s,n.map(r=>r.id));return[...n,...i]}var xt=class{constructor(e=[]){this.current=e;this.past=[];this.future=[]}get seats(){return this.current}get canUndo(){return this.past.length>0}get canRedo(){return this.future.length>0}apply(e){e!==this.current&&(this.past.push(this.current),this.future=[],this.current=e)}preview(e){this.current=e}commit(e){if(JSON.stringify(e)===JSON.stringify(this.current)){this.current=e;return}this.past.push(e),this.future=[]}undo(){let e=this.past.pop();e!==void 0&&(this.future.push(this.current),this.current=e)}redo(){let e=this.future.pop();e!==void 0&&(this.past.push(this.current),this.current=e)}reset(e){this.past=[],this.future=[],this.current=e}};var Ve="seatsense-editor-panel",Be=12,it=1.25,Hs=8,Ds=500,Us=6e4,Zt="#56B4E9",wt="#F0E442",St="#CC79A7",y=class extends v{constructor(){super(...arguments);this.narrow=!1;this.frameState="loading";this.tool="select";this.selected=-1;this.draft=[];this.copies=7;this.zoom=null;this.scale=1;this.saving=!1;this.version=0;this.history=new xt;this.savedJson="[]";this.resizeObserver=new ResizeObserver(()=>this.measure());this.keyHandler=t=>this.onKey(t)}connectedCallback(){super.connectedCallback(),window.addEventListener("keydown",this.keyHandler)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("keydown",this.keyHandler),this.resizeObserver.disconnect(),this.frame&&URL.revokeObjectURL(this.frame.url)}updated(t){t.has("hass")&&this.hass&&!this.layout&&this.loadLayout(),this.stage&&this.resizeObserver.observe(this.stage)}t(t,s){return A(this.hass,t,s)}get site(){return this.layout?.sites.find(t=>t.entry_id===this.entryId)}get camera(){return this.site?.cameras.find(t=>t.camera_id===this.cameraId)}get seats(){return this.history.seats}get dirty(){return JSON.stringify(this.seats)!==this.savedJson}async loadLayout(){if(!this.hass)return;this.layout=await S(this.hass);let t=this.site??this.layout.sites.find(s=>s.cameras.length>0);t&&!this.camera&&this.pickCamera(t.entry_id,t.cameras[0]?.camera_id)}pickCamera(t,s){if(this.dirty&&!window.confirm(this.t("status.unsaved"))){this.version++;return}this.entryId=t,this.cameraId=s,this.resetDocument(),this.loadFrame()}resetDocument(){let t=(this.camera?.seats??[]).map(s=>({id:s.id,polygon:s.polygon.map(([i,r])=>[i,r])}));this.history.reset(t),this.savedJson=JSON.stringify(t),this.selected=-1,this.draft=[],this.drag=void 0,this.status=void 0,this.version++}async loadFrame(){let t=this.camera;if(!(!this.hass||!this.entryId||!t)){this.frameState="loading";try{let s=await dt(this.hass,this.entryId,t.camera_id);this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=s,this.frameState="ready"}catch{this.frame=void 0,this.frameState="missing"}}}edit(t){this.history.apply(t),this.changed()}changed(){this.status=void 0,this.selected>=this.seats.length&&(this.selected=-1),this.version++}measure(){let t=this.camera;if(!this.stage||!t)return;let s=this.stage.getBoundingClientRect().width;s>0&&(this.scale=s/t.width)}framePoint(t){let s=this.canvas?.getScreenCTM();if(!this.canvas||!s)return[0,0];let i=new DOMPoint(t.clientX,t.clientY).matrixTransform(s.inverse());return[i.x,i.y]}get hitRadius(){return Be/this.scale}setZoom(t){this.zoom=t===null?null:Math.min(Hs,Math.max(.1,t))}zoomBy(t){this.setZoom((this.zoom??this.scale)*t)}onPointerDown(t){let s=this.camera;if(t.button!==0||!s)return;t.preventDefault(),this.shadowRoot?.activeElement?.blur();let i=this.framePoint(t);t.currentTarget.setPointerCapture(t.pointerId),this.tool==="draw"?this.addDraftPoint(i):this.tool==="row"?(this.selected<0&&(this.selected=jt(this.seats,i)),this.selected>=0?this.drag={kind:"row",seat:this.selected,from:i,to:i}:this.status={text:this.t("hint.row_pick"),kind:"info"}):this.startSelectDrag(i)}startSelectDrag(t){let s=this.selected>=0?[this.seats[this.selected]]:[],i=mt(s,t,this.hitRadius),r=i?{...i,seat:this.selected}:mt(this.seats,t,this.hitRadius);if(r){this.selected=r.seat,this.drag={kind:"corner",seat:r.seat,corner:r.corner,start:this.seats};return}if(Ft(s,t,this.hitRadius))return;let o=jt(this.seats,t);this.selected=o,o>=0&&(this.drag={kind:"seat",seat:o,from:t,start:this.seats})}onPointerMove(t){let s=this.camera;if(!s)return;let i=this.framePoint(t);this.hover=i;let r=this.drag;if(r){if(r.kind==="corner")this.history.preview(De(r.start,r.seat,r.corner,i,s.width,s.height));else if(r.kind==="seat"){let[o,l]=[i[0]-r.from[0],i[1]-r.from[1]];this.history.preview(Ue(r.start,r.seat,o,l,s.width,s.height))}else{this.drag={...r,to:i};return}this.version++}}onPointerUp(t){let s=this.drag;if(this.drag=void 0,!!s){if(s.kind==="row"){let i=this.framePoint(t),r=[i[0]-s.from[0],i[1]-s.from[1]];Math.hypot(r[0],r[1])*this.scale>Be&&this.copies>0&&(this.edit(je(this.seats,s.seat,r,this.copies)),this.tool="select");return}this.history.commit(s.start),this.version++}}onPointerCancel(){let t=this.drag;this.drag=void 0,t&&t.kind!=="row"&&(this.history.preview(t.start),this.version++)}onDoubleClick(t){if(this.tool!=="select"||this.selected<0)return;let s=this.framePoint(t),i=mt([this.seats[this.selected]],s,this.hitRadius);if(i){this.edit(ze(this.seats,this.selected,i.corner));return}let r=Ft([this.seats[this.selected]],s,this.hitRadius);r&&this.edit(Ne(this.seats,this.selected,r.edge,r.point))}addDraftPoint(t){let s=this.camera,i=this.draft[0];if(i&&this.draft.length>=3&&Math.hypot(i[0]-t[0],i[1]-t[1])<=this.hitRadius){this.finishDraft();return}this.draft=[...this.draft,Jt(t,s.width,s.height)]}finishDraft(){this.draft.length>=3&&(this.edit(Le(this.seats,this.draft)),this.selected=this.seats.length-1),this.draft=[]}setTool(t){this.tool==="draw"&&t!=="draw"&&(this.draft=[]),this.tool=t,this.status=t==="row"&&this.selected<0?{text:this.t("hint.row_pick"),kind:"info"}:void 0}deleteSelected(){this.selected<0||(this.edit(Oe(this.seats,this.selected)),this.selected=-1)}rename(t){this.selected<0||this.seats[this.selected].id===t||this.edit(He(this.seats,this.selected,t))}undo(){this.history.undo(),this.changed()}redo(){this.history.redo(),this.changed()}revert(){this.resetDocument()}errors(){let t=this.camera;return t?$e(this.seats,t.width,t.height,this.layout?.max_seat_overlap??.5):[]}async save(){let t=this.camera;if(!(!this.hass||!this.entryId||!t||this.saving)){if(!Vt(this.errors())){this.status={text:this.t(this.seats.length?"status.fix_first":"error.empty_layout"),kind:"error"};return}this.saving=!0,this.status={text:this.t("status.saving"),kind:"info"};try{let s=await fe(this.hass,this.entryId,t.camera_id,[...this.seats]);this.savedJson=JSON.stringify(this.seats),this.status={text:s.changed?this.t("status.saved",{n:s.seats}):this.t("status.unchanged"),kind:"ok"},s.changed&&this.followReload()}catch(s){this.status={text:this.t("status.refused",{reason:C(s)}),kind:"error"}}finally{this.saving=!1}}}async followReload(){let t=this.entryId,s=this.cameraId,i=Date.now()+Us;for(;Date.now()<i&&this.hass;){await new Promise(a=>window.setTimeout(a,Ds));let r=await S(this.hass).catch(()=>{}),o=r?.sites.find(a=>a.entry_id===t),l=o?.cameras.find(a=>a.camera_id===s);if(o?.loaded&&l&&l.seats.every(a=>a.device_id)){let a=this.dirty;this.layout=r,!a&&this.entryId===t&&this.cameraId===s&&(this.savedJson=JSON.stringify(this.seats));return}}}onKey(t){if(!this.isConnected||!this.camera)return;let s=t.composedPath().some(l=>l instanceof HTMLInputElement||l instanceof HTMLSelectElement),i=t.ctrlKey||t.metaKey,r=t.key.toLowerCase(),o=this.keyAction(r,i,t.shiftKey,s);o&&(t.preventDefault(),t.stopPropagation(),o())}keyAction(t,s,i,r){return s&&t==="s"?()=>void this.save():r?void 0:s&&(t==="y"||t==="z"&&i)?()=>this.redo():s&&t==="z"?()=>this.undo():s?void 0:{n:()=>this.setTool("draw"),v:()=>this.setTool("select"),r:()=>this.setTool("row"),delete:()=>this.deleteSelected(),backspace:()=>this.draft.length?this.draft=this.draft.slice(0,-1):this.deleteSelected(),f2:()=>this.idInput?.select(),enter:()=>this.finishDraft(),escape:()=>{this.draft=[],this.drag=void 0,this.selected=-1},"+":()=>this.zoomBy(it),"=":()=>this.zoomBy(it),"-":()=>this.zoomBy(1/it),0:()=>this.setZoom(null)}[t]}render(){if(!this.hass)return u;if(this.layout&&this.layout.sites.length===0)return p`${this.renderToolbar()}<div class="empty">${this.t("panel.no_sites")}</div>`;let t=this.errors();return p`
      ${this.renderToolbar()}
      <div class="body ${this.narrow?"narrow":""}">
        <div class="viewport">
          ${this.camera?this.renderStage(t):u}
          <seatsense-floor-plan-editor .hass=${this.hass} .site=${this.site}></seatsense-floor-plan-editor>
        </div>
        ${this.renderSide(t)}
      </div>
    `}renderToolbar(){let t=this.layout?.sites??[],s=Vt(this.errors());return p`<div class="toolbar">
      <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
      <div class="title">${this.t("panel.title")}</div>
      <select class="site" aria-label=${this.t("panel.site")} .value=${this.entryId??""} data-v=${this.version}
        @change=${i=>{let r=t.find(o=>o.entry_id===i.target.value);r&&this.pickCamera(r.entry_id,r.cameras[0]?.camera_id)}}>
        ${t.map(i=>p`<option value=${i.entry_id} ?selected=${i.entry_id===this.entryId}>${i.title}</option>`)}
      </select>
      <select class="camera" aria-label=${this.t("panel.camera")} .value=${this.cameraId??""} data-v=${this.version}
        @change=${i=>this.pickCamera(this.entryId,i.target.value)}>
        ${(this.site?.cameras??[]).map(i=>p`<option value=${i.camera_id} ?selected=${i.camera_id===this.cameraId}>${i.name}</option>`)}
      </select>
      <span class="spacer"></span>
      ${this.dirty?p`<span class="dirty">${this.t("status.unsaved")}</span>`:u}
      <button class="undo" ?disabled=${!this.history.canUndo} title="Ctrl+Z" @click=${()=>this.undo()}>${this.t("tool.undo")}</button>
      <button class="redo" ?disabled=${!this.history.canRedo} title="Ctrl+Y" @click=${()=>this.redo()}>${this.t("tool.redo")}</button>
      <button class="save primary" ?disabled=${!s||this.saving||!this.camera} title="Ctrl+S"
        @click=${()=>void this.save()}>${this.t("tool.save")}</button>
    </div>`}renderStage(t){let s=this.camera,i=this.zoom===null?"100%":`${s.width*this.zoom}px`;return p`<div class="stage" style="width: ${i}; aspect-ratio: ${s.width} / ${s.height}">
      ${this.frame?p`<img src=${this.frame.url} alt=${s.name} draggable="false" />`:p`<div class="blank">${this.frameState==="loading"?this.t("loading"):this.t("panel.no_frame")}</div>`}
      <svg class="canvas tool-${this.tool}" viewBox="0 0 ${s.width} ${s.height}"
        preserveAspectRatio="none"
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerCancel}
        @dblclick=${this.onDoubleClick}>
        ${this.seats.map((r,o)=>this.renderSeat(r.id,r.polygon,o,t[o]??[]))}
        ${this.renderRowPreview()} ${this.renderDraft()}
        ${this.selected>=0&&this.seats[this.selected]?this.renderHandles(this.seats[this.selected].polygon):u}
      </svg>
    </div>`}renderSeat(t,s,i,r){let o=i===this.selected,l=r.length?St:o?wt:Zt,[a,c]=s.length?W(s):[0,0],d=14/this.scale,f=r.length?`${t} \u26A0 ${this.errorText(r[0])}`:t;return P`<g class="seat ${r.length?"invalid":""} ${o?"selected":""}" data-seat=${t}>
      <polygon points=${s.map(g=>g.join(",")).join(" ")} fill=${l} fill-opacity="0.25"
        stroke=${l} stroke-width=${o?3:2} vector-effect="non-scaling-stroke"
        stroke-dasharray=${r.length?"8 4":"none"}></polygon>
      <text x=${a} y=${c} font-size=${d} text-anchor="middle" dominant-baseline="middle"
        stroke-width=${d/4} class="seat-label">${f}</text>
    </g>`}renderHandles(t){let s=6/this.scale;return t.map(([i,r],o)=>P`<circle class="handle" data-corner=${o} cx=${i} cy=${r} r=${s}
        stroke-width=${1.5/this.scale}></circle>`)}renderDraft(){if(this.tool!=="draw"||this.draft.length===0)return u;let t=[...this.draft,...this.hover?[this.hover]:[]],s=5/this.scale;return P`<polyline class="draft" points=${t.map(i=>i.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polyline>
      ${this.draft.map(([i,r],o)=>P`<circle class="draft-corner ${o===0?"first":""}" cx=${i} cy=${r} r=${s}></circle>`)}`}renderRowPreview(){let t=this.drag;if(t?.kind!=="row"||!this.seats[t.seat])return u;let s=[t.to[0]-t.from[0],t.to[1]-t.from[1]];return gt(this.seats[t.seat],s,this.copies,this.seats.map(r=>r.id)).map(r=>P`<polygon class="ghost" points=${r.polygon.map(o=>o.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polygon>`)}errorText(t){return this.t(`error.${t.code}`,{other:t.other??"",percent:t.percent??0,max:Math.round((this.layout?.max_seat_overlap??.5)*100)})}renderSide(t){let s=this.selected>=0?this.seats[this.selected]:void 0,i=this.tool==="draw"?"hint.draw":this.tool==="row"?"hint.row":"hint.select";return p`<aside class="side">
      <div class="tools" role="toolbar">
        ${["select","draw","row"].map(r=>p`<button class="tool ${r} ${this.tool===r?"active":""}"
            aria-pressed=${this.tool===r} @click=${()=>this.setTool(r)}>${this.t(`tool.${r}`)}</button>`)}
        <label class="copies">${this.t("tool.copies")}
          <input type="number" min="1" max="50" .value=${String(this.copies)}
            @change=${r=>this.copies=Math.max(1,Math.min(50,Number(r.target.value)||1))} />
        </label>
      </div>
      <div class="tools">
        <button class="zoom-out" @click=${()=>this.zoomBy(1/it)}>${this.t("tool.zoom_out")}</button>
        <button class="zoom-fit" @click=${()=>this.setZoom(null)}>${this.t("tool.zoom_fit")}</button>
        <button class="zoom-in" @click=${()=>this.zoomBy(it)}>${this.t("tool.zoom_in")}</button>
        <button class="delete" ?disabled=${!s} @click=${()=>this.deleteSelected()}>${this.t("tool.delete")}</button>
        <button class="revert" ?disabled=${!this.dirty} @click=${()=>this.revert()}>${this.t("tool.revert")}</button>
      </div>
      <p class="hint">${this.t(i)}</p>
      ${this.status?p`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>`:u}
      ${this.frame?.blurred?p`<p class="note">${this.t("panel.blurred")}</p>`:u}
      <label class="seat-field">${this.t("seat.id")}
        <input class="seat-id" .value=${s?.id??""} ?disabled=${!s} placeholder=${this.t("seat.none")}
          @change=${r=>this.rename(r.target.value)}
          @keydown=${r=>r.key==="Enter"&&r.target.blur()} />
      </label>
      <div class="count">${this.t("seats.count",{n:this.seats.length})}</div>
      <ul class="seat-list">
        ${this.seats.map((r,o)=>p`<li class="${o===this.selected?"selected":""} ${t[o]?.length?"invalid":""}"
            data-seat=${r.id} @click=${()=>this.selected=o}>
            <span class="id">${r.id}</span>
            ${(t[o]??[]).map(l=>p`<span class="error" data-code=${l.code}>${this.errorText(l)}</span>`)}
          </li>`)}
      </ul>
      <p class="keys">${this.t("hint.keys")}</p>
    </aside>`}};y.styles=E`
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
      fill: ${w(St)};
    }
    .handle {
      fill: ${w(wt)};
      stroke: #000;
      cursor: grab;
    }
    .draft {
      fill: none;
      stroke: ${w(wt)};
      stroke-width: 2;
      stroke-dasharray: 6 3;
    }
    .draft-corner {
      fill: ${w(wt)};
      stroke: #000;
    }
    .draft-corner.first {
      fill: #fff;
    }
    .ghost {
      fill: ${w(Zt)};
      fill-opacity: 0.2;
      stroke: ${w(Zt)};
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
      border: 1px solid ${w(St)};
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
      color: ${w(St)};
    }
    .empty {
      padding: 24px;
    }
  `,h([x({attribute:!1})],y.prototype,"hass",2),h([x({type:Boolean})],y.prototype,"narrow",2),h([m()],y.prototype,"layout",2),h([m()],y.prototype,"entryId",2),h([m()],y.prototype,"cameraId",2),h([m()],y.prototype,"frame",2),h([m()],y.prototype,"frameState",2),h([m()],y.prototype,"tool",2),h([m()],y.prototype,"selected",2),h([m()],y.prototype,"draft",2),h([m()],y.prototype,"hover",2),h([m()],y.prototype,"drag",2),h([m()],y.prototype,"copies",2),h([m()],y.prototype,"zoom",2),h([m()],y.prototype,"scale",2),h([m()],y.prototype,"status",2),h([m()],y.prototype,"saving",2),h([m()],y.prototype,"version",2),h([ct("svg.canvas")],y.prototype,"canvas",2),h([ct(".stage")],y.prototype,"stage",2),h([ct("input.seat-id")],y.prototype,"idInput",2);var H=class extends v{constructor(){super(...arguments);this.loading=!1}setConfig(t){this.config=t}updated(){this.hass&&!this.layout&&!this.loading&&(this.loading=!0,S(this.hass).then(t=>this.layout=t).finally(()=>this.loading=!1))}t(t){return A(this.hass,t)}change(t){let s={...this.config,...t};for(let i of Object.keys(s))(s[i]===void 0||s[i]==="")&&delete s[i];this.config=s,q(this,"config-changed",{config:s})}pickSite(t){let s=this.layout?.sites.find(i=>i.entry_id===t);this.change({entry_id:t,camera_id:s?.cameras[0]?.camera_id})}render(){if(!this.config||!this.hass)return u;let t=this.layout?.sites??[],s=t.find(r=>r.entry_id===this.config?.entry_id)??t[0],i=this.config.mode==="floor_plan";return p`
      <div class="form">
        <label>
          <span>${this.t("config.site")}</span>
          <select name="site" @change=${r=>this.pickSite(r.target.value)}>
            ${t.map(r=>p`<option value=${r.entry_id} ?selected=${r.entry_id===s?.entry_id}>${r.title}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.mode")}</span>
          <select name="mode" @change=${r=>{let o=r.target.value==="floor_plan";this.change(o?{entry_id:s?.entry_id,mode:"floor_plan",camera_id:void 0}:{entry_id:s?.entry_id,mode:void 0,camera_id:s?.cameras[0]?.camera_id})}}>
            <option value="camera" ?selected=${!i}>${this.t("config.mode_camera")}</option>
            <option value="floor_plan" ?selected=${i}>${this.t("config.mode_floor_plan")}</option>
          </select>
        </label>
        <label ?hidden=${i}>
          <span>${this.t("config.camera")}</span>
          <select name="camera" @change=${r=>this.change({entry_id:s?.entry_id,camera_id:r.target.value})}>
            ${(s?.cameras??[]).map(r=>p`<option value=${r.camera_id} ?selected=${r.camera_id===this.config?.camera_id}>${r.name}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.title")}</span>
          <input name="title" .value=${this.config.title??""}
            @change=${r=>this.change({title:r.target.value})} />
        </label>
        <label class="check">
          <input type="checkbox" name="show_legend" .checked=${this.config.show_legend!==!1}
            @change=${r=>this.change({show_legend:r.target.checked?void 0:!1})} />
          <span>${this.t("config.show_legend")}</span>
        </label>
      </div>
    `}};H.styles=E`
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
    label[hidden] {
      display: none;
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
  `,h([x({attribute:!1})],H.prototype,"hass",2),h([m()],H.prototype,"config",2),h([m()],H.prototype,"layout",2);var Ns=3e4;function B(n,e){window.customElements.get(n)||window.customElements.define(n,e)}function zs(n){let e=Date.now(),t=()=>{window.customElements.get("home-assistant")||Date.now()-e>Ns?n():window.setTimeout(t,50)};t()}zs(()=>{B(F,_),B(Yt,H),B(Ve,y),B(Se,k),B(vt,L),B(Ce,bt),B(Me,_t)});var Ke=window.customCards??=[];Ke.some(n=>n.type===F)||Ke.push({type:F,name:"seatsense seat map",description:"A camera's picture with its seats coloured by state, vacancy and hogging minutes.",preview:!0});
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
